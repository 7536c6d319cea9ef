import { parseDatabaseUrl } from "./database-url.js";
import { migratePostgres } from "./migrate-postgres.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import type { MigrationRun } from "./migration-history.js";
import { defaultMigrationsDir, readMigrationsFolder } from "./migrations-folder.js";

/** Options of {@link migrateDatabase}. */
export interface MigrateOptions {
  /** Folder of `<name>/migration.sql` folders; defaults to this repo's `prisma/<provider>/migrations`. */
  migrationsDir?: string;
}

/**
 * Applies pending migrations at start-up: the application-side equivalent of
 * `prisma migrate deploy`, so production needs no Prisma CLI.
 *
 * Keeps Prisma's `_prisma_migrations` table in Prisma's layout and checksums (sha256 of
 * migration.sql), so the CLI accepts a database migrated here and this accepts one migrated by the
 * CLI. Concurrent callers are serialised (PostgreSQL advisory lock, SQLite write lock).
 * @returns the names of the migrations this call applied, in order (empty when up to date), and
 *   of applied migrations this build does not know (the database is newer: worth a warning).
 * @throws Error when a migration fails (it is rolled back and recorded as failed), when one failed
 *   earlier, or when an applied migration's checksum differs from its file.
 * @see https://www.prisma.io/docs/orm/prisma-migrate/understanding-prisma-migrate/migration-histories
 */
export async function migrateDatabase(
  url: string,
  options: MigrateOptions = {},
): Promise<MigrationRun> {
  const database = parseDatabaseUrl(url);
  const files = await readMigrationsFolder(
    options.migrationsDir ?? defaultMigrationsDir(database.provider),
  );
  return database.provider === "sqlite"
    ? migrateSqlite(database.filename, files)
    : migratePostgres(database.url, files);
}
