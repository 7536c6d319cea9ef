import type pg from "pg";
import { timestampText } from "../time/epoch-micros.js";
import { nowEpochMicros } from "../time/system-clock.js";
import { planAdoption, recordAdoption } from "./adopt-users-table.js";
import {
  type AppliedMigrationRow,
  type MigrationRun,
  migrationsTableDdl,
  pendingMigrations,
  selectAppliedMigrations,
} from "./migration-history.js";
import type { MigrationFile } from "./migrations-folder.js";
import { connectCreatingDatabase } from "./postgres-connect.js";

/**
 * The advisory lock key of Prisma's schema engine, so our runs also exclude concurrent
 * `prisma migrate deploy` runs.
 */
const prismaAdvisoryLockKey = 72707369;

/**
 * Applies the pending migrations to a PostgreSQL database, each in its own transaction, holding
 * a session-level advisory lock on one dedicated connection for the whole run: processes starting
 * at once take turns, and each reads the history only after the previous one finished.
 * @returns the names of the migrations applied by this call.
 */
export async function migratePostgres(
  url: string,
  files: readonly MigrationFile[],
): Promise<MigrationRun> {
  const client = await connectCreatingDatabase(url).catch((error: Error) => {
    throw new Error(`Cannot connect to PostgreSQL to migrate it: ${error.message}`, {
      cause: error,
    });
  });
  try {
    await client.query("SELECT pg_advisory_lock($1)", [prismaAdvisoryLockKey]);
    // Read-only until the original's users table (if any) is known to be adoptable: a table that
    // differs stops the start with nothing written, not even Prisma's history table.
    const adoption = await planAdoption(client, files, await readHistory(client));
    if (!(await historyTableExists(client))) await client.query(migrationsTableDdl.postgresql);
    if (adoption !== null) await recordAdoption(client, adoption);
    const { pending, unknown } = pendingMigrations(files, await readHistory(client));
    const applied: string[] = [];
    for (const migration of pending) {
      await apply(client, migration);
      applied.push(migration.name);
    }
    return adoption === null
      ? { applied, unknown }
      : { applied, unknown, adopted: adoption.initial.name };
  } finally {
    // Ending the session releases the advisory lock too; unlocking first is just tidy.
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}

async function historyTableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`,
  );
  return rows[0]?.ok === true;
}

/** Prisma's migration history, oldest first; empty when the table does not exist yet. */
async function readHistory(client: pg.Client): Promise<AppliedMigrationRow[]> {
  if (!(await historyTableExists(client))) return [];
  return (await client.query<AppliedMigrationRow>(selectAppliedMigrations)).rows;
}

async function apply(client: pg.Client, migration: MigrationFile): Promise<void> {
  const startedAt = timestampText(nowEpochMicros());
  try {
    await client.query("BEGIN");
    // No parameters: pg uses the simple query protocol, which runs a multi-statement script.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (gen_random_uuid(), $1, now(), $2, NULL, NULL, $3, 1)`,
      [migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    // Recorded like Prisma records a failed migration, so later runs (ours and the CLI's) stop
    // until someone resolves it.
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (gen_random_uuid(), $1, NULL, $2, $3, NULL, $4, 0)`,
      [migration.checksum, migration.name, String(error), startedAt],
    );
    throw new Error(
      `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
