import { copyFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeUnwritable } from "../testing/file-faults.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { parseDatabaseUrl } from "./database-url.js";
import { type Database, openDatabase } from "./open-database.js";
import { sql } from "./sql-client.js";

describe("ping on SQLite when the file goes wrong under a running process", () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let file: string;
  let restore = () => {};
  beforeEach(async () => {
    testDatabase = await createTestDatabase("sqlite");
    database = await openDatabase(testDatabase.url);
    const parsed = parseDatabaseUrl(testDatabase.url);
    if (parsed.provider !== "sqlite") throw new Error("expected SQLite");
    file = parsed.filename;
    await database.ping();
  });
  afterEach(async () => {
    restore();
    restore = () => {};
    await database?.close();
    await testDatabase?.drop();
  });

  it("rejects once the file is deleted, though the open connection still answers", async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    await expect(database.sql.query(sql`SELECT 1`)).resolves.toBeDefined();
    await expect(database.ping()).rejects.toThrow(/database file .*test\.db was deleted/);
  });

  it("rejects once the file is replaced by another one", async () => {
    const moved = path.join(path.dirname(file), "moved.db");
    renameSync(file, moved);
    copyFileSync(moved, file);
    await expect(database.ping()).rejects.toThrow(/was replaced by another file/);
  });

  it("rejects once the file cannot be written", async () => {
    restore = makeUnwritable(file);
    await expect(database.ping()).rejects.toThrow(/EACCES|EPERM|EROFS/);
  });
});
