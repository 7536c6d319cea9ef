import { afterEach, describe, expect, it } from "vitest";
import { publicTables, snapshotTables } from "../testing/database-snapshot.js";
import {
  createOriginalOtasDatabase,
  originalOtasOtherTables,
} from "../testing/original-otas-database.js";
import { runPrismaCli } from "../testing/prisma-cli.js";
import { querySql } from "../testing/sql.js";
import type { TestDatabase } from "../testing/test-database.js";
import { IncompatibleUsersTableError } from "./adopt-users-table.js";
import { migrateDatabase } from "./migrate.js";
import { defaultMigrationsDir, readMigrationsFolder } from "./migrations-folder.js";

const allOriginalTables = [...originalOtasOtherTables, "users"].sort();

describe("migrateDatabase on a database the original OTAS service made", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function original(): Promise<TestDatabase> {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    return database;
  }

  const history = (url: string) =>
    querySql(
      url,
      `SELECT migration_name, applied_steps_count, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    );

  it("adopts its users table: the initial migration recorded as applied, only later ones run", async () => {
    const { url } = await original();
    const before = await snapshotTables(url, allOriginalTables);
    const [initial, ...later] = (
      await readMigrationsFolder(defaultMigrationsDir("postgresql"))
    ).map((migration) => migration.name);

    expect(await migrateDatabase(url)).toEqual({ applied: later, unknown: [], adopted: initial });
    expect(await history(url)).toEqual([
      { migration_name: initial, applied_steps_count: 0, finished: true, rolled_back: false },
      ...later.map((name) => ({
        migration_name: name,
        applied_steps_count: 1,
        finished: true,
        rolled_back: false,
      })),
    ]);
    expect(await snapshotTables(url, allOriginalTables)).toEqual(before);
    expect(await publicTables(url)).toEqual(
      [
        ...allOriginalTables,
        "_prisma_migrations",
        "rate_limit_hits",
        "password_reset_tokens",
        "session_cutoffs",
        "user_sessions",
        "revoked_tokens",
      ].sort(),
    );
    expect(await migrateDatabase(url)).toEqual({ applied: [], unknown: [] });

    const status = await runPrismaCli(["migrate", "status"], url);
    expect(status.output).toContain("Database schema is up to date!");
  }, 120_000); // the CLI loads the wasm schema engine: slow on a busy machine

  it("accepts this service's own password column size, varchar(255)", async () => {
    const { url } = await original();
    await querySql(url, "ALTER TABLE users ALTER COLUMN password TYPE varchar(255)");
    expect((await migrateDatabase(url)).adopted).toBeDefined();
  });

  it("refuses a users table that differs, naming every difference, and changes nothing", async () => {
    const { url } = await original();
    await querySql(
      url,
      `ALTER TABLE users ALTER COLUMN password TYPE varchar(100);
       ALTER TABLE users ALTER COLUMN first_name DROP NOT NULL;
       ALTER TABLE users ALTER COLUMN created_at TYPE timestamp(3) with time zone;
       ALTER TABLE users DROP CONSTRAINT users_email_key;
       ALTER TABLE users DROP COLUMN last_name;
       ALTER TABLE users ADD COLUMN nickname text`,
    );
    const tables = await publicTables(url);
    const before = await snapshotTables(url, tables);

    const failure = await migrateDatabase(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IncompatibleUsersTableError);
    expect((failure as IncompatibleUsersTableError).differences).toEqual([
      "users.first_name allows NULL; expected NOT NULL",
      "users.last_name is missing",
      "users.password is character varying(100); expected character varying(128) or longer",
      "users.created_at keeps 3 fraction digits; expected 6 (microseconds)",
      "users has a column this service does not know: nickname",
      "users.email has no unique constraint",
    ]);
    expect((failure as Error).message).toContain("nothing was changed");
    expect(await publicTables(url)).toEqual(tables);
    expect(await snapshotTables(url, tables)).toEqual(before);
  });

  it("resolves an earlier failed attempt to create users, as `migrate resolve --applied` would", async () => {
    const { url } = await original();
    const [initial] = await readMigrationsFolder(defaultMigrationsDir("postgresql"));
    // What a version without adoption left behind: its own table, the initial migration failed.
    await querySql(
      url,
      `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
         "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
         "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);
       INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs)
         VALUES ('failed-1', '${initial?.checksum}', '${initial?.name}', 'relation "users" already exists')`,
    );

    expect((await migrateDatabase(url)).adopted).toBe(initial?.name);
    const rows = await history(url);
    expect(rows.slice(0, 2)).toEqual([
      { migration_name: initial?.name, applied_steps_count: 0, finished: false, rolled_back: true },
      { migration_name: initial?.name, applied_steps_count: 0, finished: true, rolled_back: false },
    ]);
  });

  it("adopts once when two processes start at once", async () => {
    const { url } = await original();
    const runs = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect(runs.filter((run) => run.adopted !== undefined)).toHaveLength(1);
    const adoptions = (await history(url)).filter((row) => row.applied_steps_count === 0);
    expect(adoptions).toHaveLength(1);
  });
});
