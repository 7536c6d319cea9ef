import { copyFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillFileSystem, makeUnwritable, mountSmallFileSystem } from "../testing/file-faults.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { parseDatabaseUrl } from "./database-url.js";
import { migrateDatabase } from "./migrate.js";
import { type Database, openDatabase } from "./open-database.js";
import { sql } from "./sql-client.js";
import { SqliteStorageError } from "./sqlite-file-probe.js";

function filenameOf(url: string): string {
  const parsed = parseDatabaseUrl(url);
  if (parsed.provider !== "sqlite") throw new Error("expected SQLite");
  return parsed.filename;
}

async function rowsIn(database: Database): Promise<number[]> {
  const rows = await database.sql.query<{ n: number }>(sql`SELECT n FROM probe_rows ORDER BY n`);
  return rows.map((row) => row.n);
}

/** Every kind of write the SqlClient runs, each expected to be refused with `message`. */
async function expectWritesRefused(database: Database, message: RegExp) {
  const refused = { name: "SqliteStorageError", message: expect.stringMatching(message) };
  await expect(database.sql.execute(sql`INSERT INTO probe_rows VALUES (100)`)).rejects.toEqual(
    expect.objectContaining(refused),
  );
  await expect(
    database.sql.query(sql`INSERT INTO probe_rows VALUES (101) RETURNING n`),
  ).rejects.toBeInstanceOf(SqliteStorageError);
  await expect(
    database.sql.atomically(sql`UPDATE probe_rows SET n = 102 WHERE n = 1`, [
      sql`INSERT INTO probe_rows VALUES (103)`,
    ]),
  ).rejects.toBeInstanceOf(SqliteStorageError);
  // Each was rolled back: not even this connection sees it.
  expect(await rowsIn(database)).toEqual([1]);
}

describe("SQLite when the file goes wrong under a running process", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let file: string;
  let restore = () => {};
  beforeEach(async () => {
    testDatabase = await createTestDatabase("sqlite");
    database = await openDatabase(testDatabase.url);
    file = filenameOf(testDatabase.url);
    await database.sql.execute(sql`CREATE TABLE probe_rows (n INTEGER NOT NULL)`);
    await database.sql.execute(sql`INSERT INTO probe_rows VALUES (1)`);
    await database.ping();
  });
  afterEach(async () => {
    restore();
    restore = () => {};
    await database?.close();
    await testDatabase?.drop();
  });

  it.each([
    ["database file", ""],
    ["-wal", "-wal"],
  ])("refuses writes and pings once the %s is deleted", async (_, suffix) => {
    rmSync(`${file}${suffix}`);
    await expect(database.sql.query(sql`SELECT 1`)).resolves.toBeDefined();
    await expect(database.ping()).rejects.toThrow(/database file .*test\.db(-wal)? was deleted/);
    await expectWritesRefused(database, /was deleted/);
  });

  it("copies what a deleted -wal held into the database file, as a clean close would", async () => {
    await database.sql.execute(sql`INSERT INTO probe_rows VALUES (2)`);
    rmSync(`${file}-wal`);
    await expect(database.sql.execute(sql`INSERT INTO probe_rows VALUES (3)`)).rejects.toThrow(
      /-wal was deleted/,
    );
    await new Promise((resolve) => setImmediate(resolve));
    // The database file alone, as a kill -9 now would leave it, holds the acknowledged rows.
    const copy = path.join(path.dirname(file), "as-after-kill.db");
    copyFileSync(file, copy);
    const after = await openDatabase(`file:${copy}`);
    try {
      expect(await rowsIn(after)).toEqual([1, 2]);
    } finally {
      await after.close();
    }
  });

  it("keeps refusing once another process made a new database at the path", async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    await expectWritesRefused(database, /was deleted/);
    const other = await openDatabase(testDatabase.url);
    try {
      await other.ping();
      await expect(database.ping()).rejects.toThrow(/was replaced by another file/);
      await expectWritesRefused(database, /was replaced by another file/);
    } finally {
      await other.close();
    }
  });

  it("refuses writes and pings once the file is replaced by another one", async () => {
    const other = path.join(path.dirname(file), "other.db");
    copyFileSync(file, other);
    renameSync(other, file);
    await expect(database.ping()).rejects.toThrow(/was replaced by another file/);
    await expectWritesRefused(database, /was replaced by another file/);
  });

  it.each([
    ["database file", ""],
    ["-wal", "-wal"],
  ])("refuses writes and pings while the %s cannot be written", async (_, suffix) => {
    restore = makeUnwritable(`${file}${suffix}`);
    await expect(database.ping()).rejects.toThrow(/cannot be written/);
    await expectWritesRefused(database, /cannot be written/);
    // Writable again, the same file: nothing was lost, so writes go on.
    restore();
    restore = () => {};
    await database.sql.execute(sql`INSERT INTO probe_rows VALUES (2)`);
    expect(await rowsIn(database)).toEqual([1, 2]);
    await database.ping();
  });
});

describe("SQLite on a full disk", () => {
  it("fails pings and writes while full, keeps every acknowledged write", async (context) => {
    const fileSystem = mountSmallFileSystem(8);
    if (typeof fileSystem === "string") {
      // CI runs as root: there the test must run, never skip.
      if (process.env.CI !== undefined) throw new Error(fileSystem);
      context.skip(fileSystem);
      return;
    }
    const url = `file:${path.join(fileSystem.dir, "full.db")}`;
    let database: Database | undefined;
    let free = () => {};
    try {
      await migrateDatabase(url);
      database = await openDatabase(url);
      await database.sql.execute(sql`CREATE TABLE probe_rows (n INTEGER NOT NULL, pad BLOB)`);
      const insert = (n: number) =>
        database?.sql.execute(sql`INSERT INTO probe_rows VALUES (${n}, randomblob(16384))`);
      await insert(1);
      await database.ping();

      free = fillFileSystem(fileSystem.dir);
      await expect(database.ping()).rejects.toThrow(/is full \(\d+ bytes free/);
      await expect(insert(2)).rejects.toMatchObject({ code: "SQLITE_FULL" });

      free();
      free = () => {};
      await database.ping();
      await insert(3);
      await database.close();
      database = await openDatabase(url);
      expect(await rowsIn(database)).toEqual([1, 3]);
    } finally {
      free();
      await database?.close();
      fileSystem.unmount();
    }
  });
});
