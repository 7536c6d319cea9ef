import type pg from "pg";
import type { AppliedMigrationRow } from "./migration-history.js";
import type { MigrationFile } from "./migrations-folder.js";
import { usersTableDifferences, usersTableExists } from "./users-table-layout.js";

/** Raised when a `users` table this service did not create cannot be adopted; nothing changed. */
export class IncompatibleUsersTableError extends Error {
  override readonly name = "IncompatibleUsersTableError";
  constructor(readonly differences: string[]) {
    super(
      "The database has a users table that this service's migrations did not create and that " +
        "differs from the original OTAS layout, so nothing was changed:\n" +
        differences.map((difference) => `  - ${difference}`).join("\n"),
    );
  }
}

/** What adopting needs to record. */
export interface Adoption {
  /** The initial migration, which creates `users`: recorded as applied without running. */
  initial: MigrationFile;
  /** Earlier failed attempts to run it (e.g. by a version without adoption). */
  failedAttempts: string[];
}

/**
 * Whether the database holds a `users` table that the initial migration did not create (the
 * original service's), to be adopted: then its layout is checked first.
 * @returns null when there is nothing to adopt (fresh database, or the initial migration applied).
 * @throws IncompatibleUsersTableError naming every difference, before anything is written.
 */
export async function planAdoption(
  client: pg.Client,
  files: readonly MigrationFile[],
  history: readonly AppliedMigrationRow[],
): Promise<Adoption | null> {
  const [initial] = files;
  if (initial === undefined) return null;
  const live = history.filter(
    (row) => row.migration_name === initial.name && row.rolled_back_at === null,
  );
  if (live.some((row) => row.finished_at !== null)) return null;
  if (!(await usersTableExists(client))) return null;
  const differences = await usersTableDifferences(client);
  if (differences.length > 0) throw new IncompatibleUsersTableError(differences);
  return { initial, failedAttempts: live.map((row) => row.id) };
}

/**
 * Records the initial migration as applied exactly as `prisma migrate resolve --applied` does:
 * failed attempts marked rolled back, then a row with `applied_steps_count` 0 (which is also
 * how `otas-users db status` tells an adopted database). One transaction.
 */
export async function recordAdoption(client: pg.Client, adoption: Adoption): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const id of adoption.failedAttempts) {
      await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [
        id,
      ]);
    }
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (gen_random_uuid(), $1, now(), $2, NULL, NULL, now(), 0)`,
      [adoption.initial.checksum, adoption.initial.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
