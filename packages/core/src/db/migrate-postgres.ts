import type pg from "pg";
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
    const exists = await client.query(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`,
    );
    if (!exists.rows[0]?.ok) await client.query(migrationsTableDdl.postgresql);
    const { rows } = await client.query<AppliedMigrationRow>(selectAppliedMigrations);
    const { pending, unknown } = pendingMigrations(files, rows);
    const applied: string[] = [];
    for (const migration of pending) {
      await apply(client, migration);
      applied.push(migration.name);
    }
    return { applied, unknown };
  } finally {
    // Ending the session releases the advisory lock too; unlocking first is just tidy.
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}

async function apply(client: pg.Client, migration: MigrationFile): Promise<void> {
  const startedAt = new Date();
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
