import {
  classifyPasswordHash,
  describeScheme,
  isDjangoFamily,
  PASSWORD_FAMILIES,
  type PasswordFamily,
  passwordFamily,
} from "../auth/password-scheme.js";
import { parseDatabaseUrl } from "../db/database-url.js";
import type { AppliedMigrationRow } from "../db/migration-history.js";
import {
  defaultMigrationsDir,
  type MigrationFile,
  readMigrationsFolder,
} from "../db/migrations-folder.js";
import type { DatabaseInspection } from "./database-inspection.js";
import { inspectPostgres } from "./inspect-postgres.js";
import { inspectSqlite } from "./inspect-sqlite.js";

/**
 * Where `users` stands: created by this service's migrations, adopted from the original,
 * the original's and adoptable at the next start, the original's but refused (see
 * `differences`), or not there yet.
 */
export type UsersTableState = "created" | "adopted" | "adoptable" | "incompatible" | "missing";

/** How many users keep their password in each scheme. */
export interface PasswordCounts {
  users: number;
  by_family: Record<PasswordFamily, number>;
  /** By scheme and parameters, e.g. `"Django pbkdf2_sha256, 260000 iterations": 6`. */
  by_scheme: Record<string, number>;
  /** Hashes the next successful login replaces with the current scheme at the configured cost. */
  upgraded_at_next_login: number;
}

/** What `otas-users db status` reports. */
export interface DatabaseStatus {
  provider: "sqlite" | "postgresql";
  /** Host, port and database (PostgreSQL) or the file (SQLite); never a password. */
  location: string;
  exists: boolean;
  users_table: { state: UsersTableState; differences: string[] };
  migrations: {
    applied: string[];
    pending: string[];
    /** Applied migrations this build does not know (a newer version migrated the database). */
    unknown: string[];
    /** Migrations that failed and were not resolved: the migrator refuses to go on. */
    failed: string[];
    /** Applied migrations whose migration.sql changed since: the migrator refuses to go on. */
    modified: string[];
    /** The migration recorded as applied without running (adoption, `migrate resolve --applied`). */
    adopted: string | null;
  };
  /** What `otas-users db migrate`, or a start with MIGRATE_ON_START=true, would do now. */
  plan: {
    /** True when it would change nothing and stop: see `differences`, `failed`, `modified`. */
    refused: boolean;
    /** The migration it would record as applied without running it, adopting `users`. */
    adopt: string | null;
    /** The migrations it would run, in order. */
    apply: string[];
  };
  passwords: PasswordCounts | null;
}

/**
 * The state of the configured database, read without changing anything: the users table,
 * the migration history against this build's migrations, and users counted by password scheme.
 */
export async function databaseStatus({
  url,
  bcryptRounds,
  migrationsDir,
}: {
  url: string;
  bcryptRounds: number;
  migrationsDir?: string;
}): Promise<DatabaseStatus> {
  const database = parseDatabaseUrl(url);
  const files = await readMigrationsFolder(
    migrationsDir ?? defaultMigrationsDir(database.provider),
  );
  const report = async (inspection: DatabaseInspection): Promise<DatabaseStatus> => {
    const migrations = migrationState(files, inspection.history);
    const usersTable = usersTableState(inspection, migrations, files[0]?.name);
    return {
      provider: database.provider,
      location: database.provider === "sqlite" ? database.filename : postgresLocation(database.url),
      exists: inspection.exists,
      users_table: usersTable,
      migrations,
      plan: migrationPlan(usersTable.state, migrations),
      passwords: inspection.usersTable ? await countPasswords(inspection, bcryptRounds) : null,
    };
  };
  return database.provider === "sqlite"
    ? inspectSqlite(database.filename, report)
    : inspectPostgres(database.url, report);
}

function migrationState(files: readonly MigrationFile[], history: readonly AppliedMigrationRow[]) {
  const live = history.filter((row) => row.rolled_back_at === null);
  const finished = live.filter((row) => row.finished_at !== null);
  const applied = finished.map((row) => row.migration_name);
  const byName = new Map(files.map((file) => [file.name, file]));
  return {
    applied,
    pending: files.map((file) => file.name).filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !byName.has(name)),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
    modified: finished
      .filter((row) => (byName.get(row.migration_name)?.checksum ?? row.checksum) !== row.checksum)
      .map((row) => row.migration_name),
    adopted: finished.find((row) => Number(row.applied_steps_count) === 0)?.migration_name ?? null,
  };
}

/** What the migrator does next, decided the way it decides (see migrate-postgres, adopt-users-table). */
function migrationPlan(
  state: UsersTableState,
  migrations: DatabaseStatus["migrations"],
): DatabaseStatus["plan"] {
  const [initial] = migrations.pending;
  if (state === "adoptable" && initial !== undefined) {
    // Adoption also resolves a failed earlier attempt to run the initial migration.
    const failedLater = migrations.failed.filter((name) => name !== initial);
    const refused = migrations.modified.length > 0 || failedLater.length > 0;
    return { refused, adopt: initial, apply: refused ? [] : migrations.pending.slice(1) };
  }
  const refused =
    state === "incompatible" || migrations.failed.length > 0 || migrations.modified.length > 0;
  return { refused, adopt: null, apply: refused ? [] : migrations.pending };
}

function usersTableState(
  inspection: DatabaseInspection,
  migrations: DatabaseStatus["migrations"],
  initial: string | undefined,
): DatabaseStatus["users_table"] {
  const differences = inspection.differences;
  if (!inspection.usersTable) return { state: "missing", differences };
  if (initial !== undefined && migrations.applied.includes(initial)) {
    return { state: migrations.adopted === initial ? "adopted" : "created", differences };
  }
  return { state: differences.length > 0 ? "incompatible" : "adoptable", differences };
}

async function countPasswords(
  inspection: DatabaseInspection,
  bcryptRounds: number,
): Promise<PasswordCounts> {
  const counts: PasswordCounts = {
    users: 0,
    by_family: Object.fromEntries(PASSWORD_FAMILIES.map((family) => [family, 0])) as Record<
      PasswordFamily,
      number
    >,
    by_scheme: {},
    upgraded_at_next_login: 0,
  };
  for await (const batch of inspection.passwordHashes()) {
    for (const hash of batch) {
      const scheme = classifyPasswordHash(hash);
      const family = passwordFamily(scheme);
      const label = describeScheme(scheme);
      counts.users += 1;
      counts.by_family[family] += 1;
      counts.by_scheme[label] = (counts.by_scheme[label] ?? 0) + 1;
      const current = scheme.kind === "bcrypt-sha256" && scheme.rounds === bcryptRounds;
      if (!current && (family === "bcrypt" || isDjangoFamily(family))) {
        counts.upgraded_at_next_login += 1;
      }
    }
  }
  return counts;
}

function postgresLocation(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || "5432"}${decodeURIComponent(pathname)}`;
}
