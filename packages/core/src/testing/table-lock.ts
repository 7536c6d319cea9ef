import BetterSqlite3 from "better-sqlite3";
import { parseDatabaseUrl } from "../db/database-url.js";
import { loadPg } from "../db/postgres-connect.js";

/** A lock another connection holds on a database until released. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Locks the users table from another connection, as another process would: on PostgreSQL
 * `LOCK TABLE users IN ACCESS EXCLUSIVE MODE` in an open transaction (reads wait too), on SQLite
 * a transaction begun with `BEGIN IMMEDIATE` (the database's write lock).
 */
export async function lockUsersTable(databaseUrl: string): Promise<HeldLock> {
  const parsed = parseDatabaseUrl(databaseUrl);
  if (parsed.provider === "sqlite") {
    const other = new BetterSqlite3(parsed.filename);
    other.exec("BEGIN IMMEDIATE");
    return {
      release: async () => {
        other.exec("COMMIT");
        other.close();
      },
    };
  }
  const { Client } = await loadPg();
  const other = new Client({ connectionString: parsed.url });
  await other.connect();
  await other.query("BEGIN");
  await other.query("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
  return {
    release: async () => {
      await other.query("COMMIT");
      await other.end();
    },
  };
}
