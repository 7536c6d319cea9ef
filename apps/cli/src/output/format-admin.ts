import type { AdminUser, UserReference } from "@otas/core";
import { formatFields } from "./format-user.js";
import { visible } from "./terminal-text.js";

/** Pads to a width counted in code points, so accented names line up. */
const pad = (text: string, width: number) =>
  text + " ".repeat(Math.max(0, width - [...text].length));

/** Users as an aligned table: email, name, password scheme, created_at, each {@link visible}. */
export function formatUserTable(users: readonly AdminUser[]): string {
  const rows = users.map((user) =>
    [
      user.email,
      [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(" "),
      user.password_detail,
      user.created_at,
    ].map(visible),
  );
  return formatTable(["EMAIL", "NAME", "PASSWORD", "CREATED_AT"], rows);
}

/** Rows under a header, each column as wide as its widest cell, two spaces apart. */
export function formatTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max([...title].length, ...rows.map((row) => [...(row[column] ?? "")].length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => pad(cell, widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** `project.created_by_id (1 row), ...`, or `nothing`. */
export function formatReferences(references: readonly UserReference[]): string {
  if (references.length === 0) return "nothing";
  return references
    .map(
      ({ table, column, rows }) =>
        `${visible(table)}.${visible(column)} (${rows} ${rows === 1 ? "row" : "rows"})`,
    )
    .join(", ");
}

/** One user in full, for `show`. */
export function formatAdminUser(user: AdminUser, references: readonly UserReference[]): string {
  return formatFields([
    ["id", user.id],
    ["first_name", user.first_name],
    ["middle_name", user.middle_name],
    ["last_name", user.last_name],
    ["email", user.email],
    ["created_at", user.created_at],
    ["updated_at", user.updated_at],
    ["password", user.password_detail],
    ["referenced_by", formatReferences(references)],
  ]);
}
