import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveJwtSecret } from "../config/jwt-secret.js";
import { migrateDatabase } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import { raw } from "../db/sql-client.js";

const mode = (file: string) => statSync(file).mode & 0o777;

/** A fresh folder that does not exist yet, two levels below a temporary one. */
const missingFolder = () => path.join(mkdtempSync(path.join(tmpdir(), "otas-modes-")), "a", "data");

describe("files holding password hashes and secrets", () => {
  it("creates a SQLite database (and its folders) owner-only when migrating", async () => {
    const folder = missingFolder();
    await migrateDatabase(`file:${path.join(folder, "otas.db")}`);
    expect(mode(folder)).toBe(0o700);
    expect(mode(path.dirname(folder))).toBe(0o700);
    expect(mode(path.join(folder, "otas.db"))).toBe(0o600);
  });

  it("creates a SQLite database owner-only when opening, with its -wal and -shm files", async () => {
    const folder = missingFolder();
    const database = await openDatabase(`file:${path.join(folder, "otas.db")}`);
    try {
      await database.sql.execute(raw("CREATE TABLE t (x INTEGER)"));
      await database.sql.execute(raw("INSERT INTO t VALUES (1)"));
      expect(mode(folder)).toBe(0o700);
      const files = readdirSync(folder).sort();
      expect(files).toEqual(["otas.db", "otas.db-shm", "otas.db-wal"]);
      for (const file of files)
        expect([file, mode(path.join(folder, file))]).toEqual([file, 0o600]);
    } finally {
      await database.close();
    }
  });

  it("creates the data folder owner-only for the development JWT secret", () => {
    const folder = missingFolder();
    resolveJwtSecret({ secret: undefined, production: false, dataDir: folder, warn: () => {} });
    expect(mode(folder)).toBe(0o700);
    expect(mode(path.join(folder, "jwt-secret"))).toBe(0o600);
  });

  it("leaves the mode of an existing folder and database file as the operator set it", async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), "otas-modes-")), "shared");
    mkdirSync(folder, { mode: 0o750 });
    writeFileSync(path.join(folder, "otas.db"), "", { mode: 0o640 });
    await migrateDatabase(`file:${path.join(folder, "otas.db")}`);
    expect([mode(folder), mode(path.join(folder, "otas.db"))]).toEqual([0o750, 0o640]);
  });
});
