import type pg from "pg";
import { type AppliedMigrationRow, selectAppliedMigrations } from "../db/migration-history.js";
import { loadPg } from "../db/postgres-connect.js";
import { usersTableDifferences, usersTableExists } from "../db/users-table-layout.js";
import { type DatabaseInspection, HASH_BATCH, MISSING_DATABASE } from "./database-inspection.js";

const UNDEFINED_DATABASE = "3D000";

/**
 * Reads a PostgreSQL database for `db status` in one read-only transaction; unlike the
 * migrator it never creates the database.
 */
export async function inspectPostgres<T>(
  url: string,
  use: (inspection: DatabaseInspection) => Promise<T>,
): Promise<T> {
  const { Client } = await loadPg();
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
    return use(MISSING_DATABASE);
  }
  try {
    await client.query("BEGIN READ ONLY");
    const hasHistory = await client.query(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`,
    );
    const history = hasHistory.rows[0]?.ok
      ? (await client.query<AppliedMigrationRow>(selectAppliedMigrations)).rows
      : [];
    const usersTable = await usersTableExists(client);
    return await use({
      exists: true,
      history,
      usersTable,
      differences: usersTable ? await usersTableDifferences(client) : [],
      passwordHashes: () => batches(client),
    });
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

/** The hashes, walked by id so no batch holds more than {@link HASH_BATCH} of them. */
async function* batches(client: pg.Client): AsyncIterable<string[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const { rows } = await client.query<{ id: string; password: string }>(
      "SELECT CAST(id AS text) AS id, password FROM users WHERE id > CAST($1 AS uuid) ORDER BY id LIMIT $2",
      [after, HASH_BATCH],
    );
    if (rows.length === 0) return;
    yield rows.map((row) => row.password);
    after = rows[rows.length - 1]?.id ?? after;
  }
}
