/** A value as a terminal shows it: control characters (escape sequences included) made visible. */
export function visible(value: string): string {
  let shown = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    shown += control ? `\\u${code.toString(16).padStart(4, "0")}` : char;
  }
  return shown;
}

/** Rows as an aligned text table under a header; numbers right-aligned. */
export function formatTable(
  header: readonly string[],
  rows: readonly (string | number)[][],
): string {
  const cells = [
    header.map(String),
    ...rows.map((row) => row.map((cell) => visible(String(cell)))),
  ];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  );
  const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === "number"));
  return cells
    .map((row) =>
      row
        .map((cell, column) =>
          numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
