import type { MigrationFile } from "./migrations-folder.js";

/** A row of Prisma's `_prisma_migrations`, as far as deciding what to apply needs it. */
export interface AppliedMigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
  /** 0 for a migration recorded without running (`migrate resolve --applied`, adoption). */
  applied_steps_count: number;
}

/**
 * Prisma's own `_prisma_migrations` DDL, byte for byte what its schema engine creates, so the
 * CLI (`migrate status`, `migrate deploy`) reads a table we created exactly like one of its own.
 */
export const migrationsTableDdl = {
  sqlite: `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
} as const;

/** What a migration run did: the migrations it applied, and applied ones this build lacks. */
export interface MigrationRun {
  applied: string[];
  unknown: string[];
  /**
   * Set when this run adopted the original service's `users` table: the migration it recorded
   * as applied without running it.
   */
  adopted?: string;
}

/** Columns read back from `_prisma_migrations`, oldest first. */
export const selectAppliedMigrations = `SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
  FROM "_prisma_migrations" ORDER BY started_at ASC`;

/**
 * The migrations of the folder that the database still needs, in order.
 *
 * Refuses a history that cannot be continued safely: a migration that failed earlier and was not
 * resolved, or an applied migration whose migration.sql changed since. An applied migration this
 * build does not have (the database is newer than the code) is reported in `unknown`, not refused,
 * as `prisma migrate deploy` does: during a rolling deploy the previous version must still start.
 * Rows marked rolled back (`prisma migrate resolve --rolled-back`) are ignored.
 * @throws Error naming the migration and how to resolve it.
 */
export function pendingMigrations(
  files: readonly MigrationFile[],
  rows: readonly AppliedMigrationRow[],
): { pending: MigrationFile[]; unknown: string[] } {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} failed earlier and was not resolved, so no migration is applied. ` +
        `Fix the database, then run \`prisma migrate resolve --rolled-back ${failed.migration_name}\` ` +
        `(or --applied). Its log: ${failed.logs ?? "(none)"}`,
    );
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of live) {
    const file = byName.get(row.migration_name);
    if (!file) continue;
    if (file.checksum !== row.checksum) {
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the database, ${file.checksum} on disk). Restore its migration.sql; add a new migration for further changes.`,
      );
    }
  }
  const applied = new Set(live.map((row) => row.migration_name));
  return {
    pending: files.filter((file) => !applied.has(file.name)),
    unknown: live.map((row) => row.migration_name).filter((name) => !byName.has(name)),
  };
}
