import { randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { ensurePrivateFile } from "../files/private-files.js";
import { timestampText } from "../time/epoch-micros.js";
import { nowEpochMicros } from "../time/system-clock.js";
import {
  type AppliedMigrationRow,
  type MigrationRun,
  migrationsTableDdl,
  pendingMigrations,
  selectAppliedMigrations,
} from "./migration-history.js";
import type { MigrationFile } from "./migrations-folder.js";

/** RFC 3339 text with an explicit UTC offset, as Prisma stores SQLite timestamps (to the µs). */
const timestamp = () => timestampText(nowEpochMicros());

/**
 * Applies the pending migrations to a SQLite file, one `BEGIN IMMEDIATE` transaction per
 * migration. IMMEDIATE takes the write lock before reading the history, so processes starting at
 * once take turns (waiting up to the busy timeout) and each sees what the previous one applied.
 * @returns the names of the migrations applied by this call.
 */
export function migrateSqlite(filename: string, files: readonly MigrationFile[]): MigrationRun {
  ensurePrivateFile(filename);
  const db = new BetterSqlite3(filename, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    const applied: string[] = [];
    for (;;) {
      const { name, unknown } = applyNext(db, files);
      if (!name) return { applied, unknown };
      applied.push(name);
    }
  } finally {
    db.close();
  }
}

/** Applies the first pending migration, if any, and returns its name. */
function applyNext(
  db: BetterSqlite3.Database,
  files: readonly MigrationFile[],
): { name: string | undefined; unknown: string[] } {
  db.exec("BEGIN IMMEDIATE");
  let next: MigrationFile | undefined;
  let unknown: string[] = [];
  const startedAt = timestamp();
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!hasTable) db.exec(migrationsTableDdl.sqlite);
    const rows = db.prepare(selectAppliedMigrations).all() as AppliedMigrationRow[];
    const history = pendingMigrations(files, rows);
    next = history.pending[0];
    unknown = history.unknown;
    if (next) {
      db.exec(next.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(randomUUID(), next.checksum, timestamp(), next.name, startedAt);
    }
    db.exec("COMMIT");
    return { name: next?.name, unknown };
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    if (!next) throw error;
    // Recorded like Prisma records a failed migration, so later runs (ours and the CLI's) stop
    // until someone resolves it.
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, NULL, ?, ?, NULL, ?, 0)`,
    ).run(randomUUID(), next.checksum, next.name, String(error), startedAt);
    throw new Error(
      `Migration ${next.name} failed and was rolled back: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
