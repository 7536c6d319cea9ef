import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One folder of `prisma/<provider>/migrations`. */
export interface MigrationFile {
  /** The folder name, e.g. `20250101120000_init`; Prisma's `migration_name`. */
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex: the checksum Prisma records in `_prisma_migrations`. */
  checksum: string;
}

/**
 * Where this build's migrations are: `migrations/<provider>` inside the package when it was
 * installed from a packed tarball (`prepack` copies them there), otherwise the monorepo's
 * `prisma/<provider>/migrations`. Both are resolved from this module's own location, which is
 * `src/db` under vitest and `dist/db` when built: two levels below the package, four below the
 * repository root.
 */
export function defaultMigrationsDir(provider: "sqlite" | "postgresql"): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packaged = path.resolve(here, "../..", "migrations", provider);
  if (existsSync(packaged)) return packaged;
  return path.resolve(here, "../../../..", "prisma", provider, "migrations");
}

/**
 * Reads every `<name>/migration.sql` of a migrations folder, in the order Prisma applies them
 * (folder names compared with `localeCompare`, as the CLI does).
 * @throws Error when the folder does not exist or a migration folder lacks its migration.sql.
 */
export async function readMigrationsFolder(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`Cannot read the migrations folder ${dir}: ${(error as Error).message}`);
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const sql = await readFile(file, "utf8").catch(() => {
        throw new Error(`Migration ${name} has no readable migration.sql (${file}).`);
      });
      return { name, sql, checksum: createHash("sha256").update(sql, "utf8").digest("hex") };
    }),
  );
}
