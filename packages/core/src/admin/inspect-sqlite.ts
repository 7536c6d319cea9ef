import { existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { type AppliedMigrationRow, selectAppliedMigrations } from "../db/migration-history.js";
import { type DatabaseInspection, HASH_BATCH, MISSING_DATABASE } from "./database-inspection.js";

/** Reads a SQLite file for `db status`, opened read-only; a missing file is not created. */
export async function inspectSqlite<T>(
  filename: string,
  use: (inspection: DatabaseInspection) => Promise<T>,
): Promise<T> {
  if (!existsSync(filename)) {
    return use(MISSING_DATABASE);
  }
  const db = new BetterSqlite3(filename, { readonly: true, fileMustExist: true });
  try {
    const hasTable = (name: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
      undefined;
    const history = hasTable("_prisma_migrations")
      ? (db.prepare(selectAppliedMigrations).all() as AppliedMigrationRow[])
      : [];
    return await use({
      exists: true,
      history,
      usersTable: hasTable("users"),
      // The original only ever ran on PostgreSQL: a SQLite users table is this service's own.
      differences: [],
      passwordHashes: () => batches(db),
    });
  } finally {
    db.close();
  }
}

async function* batches(db: BetterSqlite3.Database): AsyncIterable<string[]> {
  const page = db.prepare("SELECT id, password FROM users WHERE id > ? ORDER BY id LIMIT ?");
  let after = "";
  for (;;) {
    const rows = page.all(after, HASH_BATCH) as { id: string; password: string }[];
    if (rows.length === 0) return;
    yield rows.map((row) => row.password);
    after = rows[rows.length - 1]?.id ?? after;
  }
}
