import { IncompatibleUsersTableError } from "../db/adopt-users-table.js";
import { parseDatabaseUrl } from "../db/database-url.js";
import { pendingMigrations } from "../db/migration-history.js";
import { defaultMigrationsDir, readMigrationsFolder } from "../db/migrations-folder.js";
import type { DatabaseInspection } from "./database-inspection.js";
import { inspectPostgres } from "./inspect-postgres.js";
import { inspectSqlite } from "./inspect-sqlite.js";

/** The command that adopts and migrates a database by hand. */
const MIGRATE_COMMAND = "otas-users db migrate";

/**
 * Raised at start-up with `MIGRATE_ON_START=false` when the migrator would still change the
 * database: the message says what is pending and names the command to run.
 */
export class UnmigratedDatabaseError extends Error {
  override readonly name = "UnmigratedDatabaseError";
}

/**
 * Checks, reading only, that the database needs nothing from the migrator: what a process that
 * does not migrate (`MIGRATE_ON_START=false`) runs before it serves, so that it refuses to start
 * instead of answering 500 for every call that needs a table not created yet.
 * @returns applied migrations this build does not know (a newer version migrated the database).
 * @throws UnmigratedDatabaseError for pending migrations or an original `users` table not adopted
 *   yet; IncompatibleUsersTableError for a `users` table that can never be adopted; Error for a
 *   failed or modified migration (as the migrator would).
 */
export async function requireMigrated({
  url,
  migrationsDir,
}: {
  url: string;
  migrationsDir?: string;
}): Promise<{ unknown: string[] }> {
  const database = parseDatabaseUrl(url);
  const files = await readMigrationsFolder(
    migrationsDir ?? defaultMigrationsDir(database.provider),
  );
  const check = async (inspection: DatabaseInspection) => {
    const initial = files[0]?.name;
    const initialApplied = inspection.history.some(
      (row) =>
        row.migration_name === initial && row.rolled_back_at === null && row.finished_at !== null,
    );
    if (inspection.usersTable && !initialApplied && inspection.differences.length > 0) {
      throw new IncompatibleUsersTableError(inspection.differences);
    }
    if (inspection.usersTable && !initialApplied) {
      throw unmigrated(
        `it holds the original OTAS service's users table, not adopted yet (${describePending(files.map((file) => file.name))})`,
      );
    }
    const { pending, unknown } = pendingMigrations(files, inspection.history);
    if (pending.length > 0) {
      const state = inspection.exists ? "" : "it does not exist yet: ";
      throw unmigrated(`${state}${describePending(pending.map((file) => file.name))}`);
    }
    return { unknown };
  };
  return database.provider === "sqlite"
    ? inspectSqlite(database.filename, check)
    : inspectPostgres(database.url, check);
}

function describePending(names: readonly string[]): string {
  return `${names.length} migration${names.length === 1 ? "" : "s"} pending: ${names.join(", ")}`;
}

function unmigrated(state: string): UnmigratedDatabaseError {
  return new UnmigratedDatabaseError(
    `MIGRATE_ON_START is false and the database is not migrated: ${state}. ` +
      `Run \`${MIGRATE_COMMAND}\` with this DATABASE_URL (\`otas-users db status\` shows what it will do), ` +
      "or start once with MIGRATE_ON_START=true.",
  );
}
