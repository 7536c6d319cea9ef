import type { DatabaseStatus } from "@otas/core";
import { formatFields } from "./format-user.js";
import { visible } from "./terminal-text.js";

const USERS_TABLE: Record<DatabaseStatus["users_table"]["state"], string> = {
  created: "created by this service's migrations",
  adopted: "the original OTAS service's, adopted",
  adoptable: "the original OTAS service's, not adopted yet: the next start adopts it",
  incompatible: "not the original's layout: the server refuses to start on it",
  missing: "none yet: the first start creates it",
};

/** `db status` for a person. */
export function formatStatus(status: DatabaseStatus): string {
  const { migrations, passwords, users_table: table } = status;
  const exists = status.exists ? "" : " (does not exist yet: the first start creates it)";
  const fields: [string, string][] = [
    ["database", `${status.provider} ${status.location}${exists}`],
    ["users table", USERS_TABLE[table.state]],
    ...table.differences.map((difference): [string, string] => ["difference", difference]),
    ["migrations", `${migrations.applied.length} applied, ${pending(migrations.pending)}`],
    ...optional("adopted", migrations.adopted === null ? [] : [migrations.adopted]),
    ...optional("failed", migrations.failed),
    ...optional("unknown", migrations.unknown),
  ];
  if (passwords === null) return formatFields(fields);
  const family = passwords.by_family;
  const schemes = Object.entries(passwords.by_scheme)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scheme, count]) => `${String(count).padStart(6)}  ${visible(scheme)}`);
  return [
    formatFields([
      ...fields,
      [
        "users",
        `${passwords.users}: bcrypt ${family.bcrypt}, Django PBKDF2 ${family.django_pbkdf2}, unusable ${family.unusable}, unknown ${family.unknown}`,
      ],
    ]),
    ...schemes.map((line) => `    ${line}`),
    `  The next login of ${passwords.upgraded_at_next_login} of them replaces their hash with the current scheme.`,
  ].join("\n");
}

function pending(names: readonly string[]): string {
  return names.length === 0 ? "0 pending" : `${names.length} pending: ${names.join(", ")}`;
}

function optional(label: string, names: readonly string[]): [string, string][] {
  return names.length === 0 ? [] : [[label, names.join(", ")]];
}
