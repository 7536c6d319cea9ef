import type { AppliedMigrationRow } from "../db/migration-history.js";

/** What `db status` reads from a database, without writing anything. */
export interface DatabaseInspection {
  /** False when the database (PostgreSQL) or its file (SQLite) does not exist yet. */
  exists: boolean;
  /** Prisma's `_prisma_migrations`, oldest first; empty when it does not exist. */
  history: AppliedMigrationRow[];
  usersTable: boolean;
  /** How `users` differs from the layout this service works with (see users-table-layout). */
  differences: string[];
  /** Every stored password hash, in batches; they go no further than the status's counts. */
  passwordHashes(): AsyncIterable<string[]>;
}

/** Rows read per batch when walking `users`. */
export const HASH_BATCH = 1000;

/** What a database that does not exist yet shows: nothing at all. */
export const MISSING_DATABASE: DatabaseInspection = {
  exists: false,
  history: [],
  usersTable: false,
  differences: [],
  async *passwordHashes() {},
};
