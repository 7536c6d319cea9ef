import { BadFileError } from "../errors.js";

/** The columns an import CSV may have, in the order the documentation shows them. */
export const CSV_COLUMNS = ["first_name", "middle_name", "last_name", "email", "password"] as const;
const OPTIONAL_COLUMNS = new Set<string>(["middle_name"]);

/**
 * The field name of each column, from the header row. Names are matched trimmed and
 * case-insensitively, in any order. A missing required column, an unknown column (most likely a
 * misspelt one, whose values would otherwise be dropped silently) or a repeated one makes the
 * file unusable. Unknown names are reported by position, never quoted: when the header row is
 * missing, the first row is user data, password included.
 */
export function columnsFromHeader(header: readonly string[], file: string): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(CSV_COLUMNS);
  const missing = CSV_COLUMNS.filter(
    (column) => !OPTIONAL_COLUMNS.has(column) && !names.includes(column),
  );
  const unknown = names.flatMap((name, index) => (known.has(name) ? [] : [index + 1]));
  const repeated = CSV_COLUMNS.filter(
    (column) => names.indexOf(column) !== names.lastIndexOf(column),
  );
  const problems = [
    missing.length > 0 ? `lacks the column${plural(missing)} ${missing.join(", ")}` : "",
    unknown.length > 0 ? `has unknown names in column${plural(unknown)} ${unknown.join(", ")}` : "",
    repeated.length > 0 ? `repeats ${repeated.join(", ")}` : "",
  ].filter((problem) => problem !== "");
  if (problems.length > 0) {
    throw new BadFileError(
      file,
      `the header row ${problems.join(" and ")}; it must name the columns ${CSV_COLUMNS.join(",")} (middle_name may be left out)`,
    );
  }
  return names;
}

function plural(items: readonly unknown[]): string {
  return items.length === 1 ? "" : "s";
}
