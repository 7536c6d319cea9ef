import type { DatabaseStatus } from "@otas/core";
import { formatFields } from "./format-user.js";
import { visible } from "./terminal-text.js";

const USERS_TABLE: Record<DatabaseStatus["users_table"]["state"], string> = {
  created: "created by this service's migrations",
  adopted: "the original OTAS service's, adopted",
  adoptable:
    "the original OTAS service's, not adopted yet: db migrate (or a start with MIGRATE_ON_START=true) adopts it",
  incompatible: "not the original's layout: the server refuses to start on it",
  missing: "none yet: db migrate (or a start with MIGRATE_ON_START=true) creates it",
};

const OTHER_DJANGO = [
  ["django_scrypt", "Django scrypt"],
  ["django_argon2", "Django argon2"],
  ["django_bcrypt_sha256", "Django bcrypt_sha256"],
] as const;

/** `db status` for a person. */
export function formatStatus(status: DatabaseStatus): string {
  const { migrations, passwords, users_table: table } = status;
  const exists = status.exists ? "" : " (does not exist yet: db migrate or a start creates it)";
  const fields: [string, string][] = [
    ["database", `${status.provider} ${status.location}${exists}`],
    ["users table", USERS_TABLE[table.state]],
    ...table.differences.map((difference): [string, string] => ["difference", difference]),
    ["migrations", `${migrations.applied.length} applied, ${pending(migrations.pending)}`],
    ...optional("adopted", migrations.adopted === null ? [] : [migrations.adopted]),
    ...optional("failed", migrations.failed),
    ...optional("modified", migrations.modified),
    ...optional("unknown", migrations.unknown),
    ["db migrate", describePlan(status.plan)],
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
        [
          `${passwords.users}: bcrypt ${family.bcrypt}`,
          `Django PBKDF2 ${family.django_pbkdf2}`,
          // Django's other hashers only when some user has one: they are rare.
          ...OTHER_DJANGO.filter(([key]) => family[key] > 0).map(
            ([key, label]) => `${label} ${family[key]}`,
          ),
          `unusable ${family.unusable}`,
          `unknown ${family.unknown}`,
        ].join(", "),
      ],
    ]),
    ...schemes.map((line) => `    ${line}`),
    `  The next login of ${passwords.upgraded_at_next_login} of them replaces their hash with the current scheme.`,
  ].join("\n");
}

/** What `otas-users db migrate` would do, in a line. */
function describePlan(plan: DatabaseStatus["plan"]): string {
  if (plan.refused) return "would refuse and change nothing (see above)";
  const apply =
    plan.apply.length === 0 ? "" : `applies ${plan.apply.length}: ${plan.apply.join(", ")}`;
  if (plan.adopt !== null) {
    const adopt = `adopts the users table (records ${plan.adopt} as applied without running it)`;
    return apply === "" ? adopt : `${adopt}, then ${apply}`;
  }
  return apply === "" ? "nothing to do" : apply;
}

function pending(names: readonly string[]): string {
  return names.length === 0 ? "0 pending" : `${names.length} pending: ${names.join(", ")}`;
}

function optional(label: string, names: readonly string[]): [string, string][] {
  return names.length === 0 ? [] : [[label, names.join(", ")]];
}
