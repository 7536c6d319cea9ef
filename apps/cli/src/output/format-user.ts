import type { UserDto } from "@otas/core";
import { visible } from "./terminal-text.js";

/** A user as `create` prints it for a person: one labelled field per line, no secrets. */
export function formatUser(user: UserDto): string {
  const fields: [string, string][] = [
    ["id", user.id],
    ["first_name", user.first_name],
    ["middle_name", user.middle_name],
    ["last_name", user.last_name],
    ["email", user.email],
    ["created_at", user.created_at],
  ];
  return formatFields(fields);
}

/** Aligned `label: value` lines, indented by two spaces, each value made {@link visible}. */
export function formatFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields
    .map(([label, value]) => `  ${`${label}:`.padEnd(width)} ${visible(value)}`)
    .join("\n");
}
