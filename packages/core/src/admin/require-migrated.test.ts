import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { IncompatibleUsersTableError } from "../db/adopt-users-table.js";
import { migrateDatabase } from "../db/migrate.js";
import { defaultMigrationsDir, readMigrationsFolder } from "../db/migrations-folder.js";
import { publicTables, snapshotTables } from "../testing/database-snapshot.js";
import {
  createOriginalOtasDatabase,
  originalOtasOtherTables,
} from "../testing/original-otas-database.js";
import { querySql, tableColumns } from "../testing/sql.js";
import { createTestDatabase } from "../testing/test-database.js";
import { requireMigrated, UnmigratedDatabaseError } from "./require-migrated.js";

const ADVICE =
  "Run `otas-users db migrate` with this DATABASE_URL (`otas-users db status` shows what it will do), or start once with MIGRATE_ON_START=true.";

/** What requireMigrated threw, or "passed". */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "passed",
    (error: unknown) => error,
  );

describe.each(["sqlite", "postgresql"] as const)("requireMigrated on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  const names = async () =>
    (await readMigrationsFolder(defaultMigrationsDir(provider))).map((file) => file.name);

  it("passes a migrated database, and refuses one a newer build has a migration for, changing nothing", async () => {
    const database = await createTestDatabase(provider);
    cleanups.push(database.drop);
    expect(await requireMigrated({ url: database.url })).toEqual({ unknown: [] });

    const newer = await mkdtemp(path.join(tmpdir(), "otas-migrations-"));
    cleanups.push(() => rm(newer, { recursive: true, force: true }));
    await cp(defaultMigrationsDir(provider), newer, { recursive: true });
    await mkdir(path.join(newer, "99990101000000_newer"));
    await writeFile(
      path.join(newer, "99990101000000_newer/migration.sql"),
      'CREATE TABLE "extra" ("id" INTEGER);\n',
    );

    const failure = await outcome(requireMigrated({ url: database.url, migrationsDir: newer }));
    expect(failure).toBeInstanceOf(UnmigratedDatabaseError);
    expect((failure as Error).message).toBe(
      `MIGRATE_ON_START is false and the database is not migrated: 1 migration pending: 99990101000000_newer. ${ADVICE}`,
    );
    expect(await tableColumns(database.url, "extra")).toEqual([]);
  });

  it("refuses a database that does not exist yet, without creating it", async () => {
    const database = await createTestDatabase(provider, { migrate: false });
    await database.drop();
    const url =
      provider === "sqlite"
        ? `file:${path.join(await mkdtemp(path.join(tmpdir(), "otas-none-")), "none.db")}`
        : database.url;

    const failure = await outcome(requireMigrated({ url }));
    expect((failure as Error).message).toBe(
      `MIGRATE_ON_START is false and the database is not migrated: it does not exist yet: ${(await names()).length} migrations pending: ${(await names()).join(", ")}. ${ADVICE}`,
    );
    if (provider === "sqlite") {
      expect(existsSync(url.slice("file:".length))).toBe(false);
      await rm(path.dirname(url.slice("file:".length)), { recursive: true });
    } else {
      const server = new URL(url);
      server.pathname = "/postgres";
      const name = new URL(url).pathname.slice(1);
      expect(
        await querySql(server.href, `SELECT 1 FROM pg_database WHERE datname = '${name}'`),
      ).toEqual([]);
    }
  });
});

describe("requireMigrated on a database the original OTAS service made", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it("refuses it until it is adopted, changing nothing, and passes it after", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    const tables = await publicTables(database.url);
    const before = await snapshotTables(database.url, tables);
    const names = (await readMigrationsFolder(defaultMigrationsDir("postgresql"))).map(
      (file) => file.name,
    );

    const failure = await outcome(requireMigrated({ url: database.url }));
    expect(failure).toBeInstanceOf(UnmigratedDatabaseError);
    expect((failure as Error).message).toBe(
      `MIGRATE_ON_START is false and the database is not migrated: it holds the original OTAS service's users table, not adopted yet (${names.length} migrations pending: ${names.join(", ")}). ${ADVICE}`,
    );
    expect(await publicTables(database.url)).toEqual(tables);
    expect(await snapshotTables(database.url, tables)).toEqual(before);

    await migrateDatabase(database.url);
    expect(await requireMigrated({ url: database.url })).toEqual({ unknown: [] });
    expect(await snapshotTables(database.url, originalOtasOtherTables)).toEqual(
      Object.fromEntries(originalOtasOtherTables.map((table) => [table, before[table]])),
    );
  });

  it("refuses one whose users table can never be adopted, naming the difference", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    await querySql(database.url, "ALTER TABLE users ADD COLUMN nickname text");

    const failure = await outcome(requireMigrated({ url: database.url }));
    expect(failure).toBeInstanceOf(IncompatibleUsersTableError);
    expect((failure as IncompatibleUsersTableError).differences).toEqual([
      "users has a column this service does not know: nickname",
    ]);
  });
});
