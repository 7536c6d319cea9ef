import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPrismaCli } from "../testing/prisma-cli.js";
import { querySql, tableColumns } from "../testing/sql.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { migrateDatabase } from "./migrate.js";
import { defaultMigrationsDir, readMigrationsFolder } from "./migrations-folder.js";

describe.each(["sqlite", "postgresql"] as const)("migrateDatabase on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function emptyDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase(provider, { migrate: false });
    cleanups.push(database.drop);
    return database;
  }

  /** A copy of the real migrations folder that a test may edit. */
  async function migrationsCopy(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "otas-migrations-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(defaultMigrationsDir(provider), dir, { recursive: true });
    return dir;
  }

  it("creates the users table on a fresh database, then has nothing left to apply", async () => {
    const { url } = await emptyDatabase();
    const names = (await readMigrationsFolder(defaultMigrationsDir(provider))).map((m) => m.name);

    expect(await migrateDatabase(url)).toEqual({ applied: names, unknown: [] });
    expect(await tableColumns(url, "users")).toEqual([
      "id",
      "first_name",
      "middle_name",
      "last_name",
      "email",
      "password",
      "created_at",
      "updated_at",
    ]);
    expect(await migrateDatabase(url)).toEqual({ applied: [], unknown: [] });
  });

  it("leaves a history that `prisma migrate status` reports up to date", async () => {
    const { url } = await emptyDatabase();
    await migrateDatabase(url);

    const status = await runPrismaCli(["migrate", "status"], url);
    expect(status.output).toContain("Database schema is up to date!");
    expect(status.exitCode).toBe(0);
  }, 120_000); // the CLI loads the wasm schema engine: slow on a busy machine

  it("refuses a migration whose file changed after it was applied", async () => {
    const { url } = await emptyDatabase();
    const migrationsDir = await migrationsCopy();
    const [first] = await readMigrationsFolder(migrationsDir);
    await migrateDatabase(url, { migrationsDir });
    await appendFile(path.join(migrationsDir, `${first?.name}/migration.sql`), "\n-- edited\n");

    await expect(migrateDatabase(url, { migrationsDir })).rejects.toThrow(
      `Migration ${first?.name} was modified after it was applied`,
    );
  });

  it("reports, without refusing, applied migrations this build does not have (rolling deploys)", async () => {
    const { url } = await emptyDatabase();
    const newer = await migrationsCopy();
    await mkdir(path.join(newer, "99990101000000_newer"));
    await writeFile(
      path.join(newer, "99990101000000_newer/migration.sql"),
      'CREATE TABLE "extra" ("id" INTEGER);\n',
    );
    await migrateDatabase(url, { migrationsDir: newer });

    expect(await migrateDatabase(url)).toEqual({ applied: [], unknown: ["99990101000000_newer"] });
  });

  it("rolls back a failing migration, records it, and refuses to continue after it", async () => {
    const { url } = await emptyDatabase();
    const migrationsDir = await migrationsCopy();
    await mkdir(path.join(migrationsDir, "99990101000000_broken"));
    await writeFile(
      path.join(migrationsDir, "99990101000000_broken/migration.sql"),
      'CREATE TABLE "half_done" ("id" INTEGER);\nTHIS IS NOT SQL;\n',
    );

    await expect(migrateDatabase(url, { migrationsDir })).rejects.toThrow(
      "Migration 99990101000000_broken failed and was rolled back",
    );
    expect(await tableColumns(url, "half_done")).toEqual([]);
    await expect(migrateDatabase(url, { migrationsDir })).rejects.toThrow(
      "Migration 99990101000000_broken failed earlier and was not resolved",
    );
  });
});

describe("migrateDatabase on postgresql, concurrently", () => {
  it("lets two processes start at once: both succeed, the migration is recorded once", async () => {
    const database = await createTestDatabase("postgresql", { migrate: false });
    try {
      const results = await Promise.all([
        migrateDatabase(database.url),
        migrateDatabase(database.url),
      ]);

      const count = (await readMigrationsFolder(defaultMigrationsDir("postgresql"))).length;
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, count]);
      const rows = await querySql(
        database.url,
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
      );
      expect(rows).toHaveLength(count);
    } finally {
      await database.drop();
    }
  });
});

describe("migrateDatabase on a PostgreSQL database that does not exist yet", () => {
  it("creates it (also when two processes race to), then migrates it", async () => {
    const base = new URL(
      process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    );
    const name = `otas_test_created_${Date.now()}_${process.pid}`;
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      const results = await Promise.all([
        migrateDatabase(url.toString()),
        migrateDatabase(url.toString()),
      ]);
      const count = (await readMigrationsFolder(defaultMigrationsDir("postgresql"))).length;
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, count]);
      expect(await querySql(url.toString(), "SELECT count(*)::int AS n FROM users")).toEqual([
        { n: 0 },
      ]);
    } finally {
      await querySql(base.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
