import { afterEach, describe, expect, it } from "vitest";
import { publicTables, snapshotTables } from "../testing/database-snapshot.js";
import {
  createOriginalOtasDatabase,
  originalOtasOtherTables,
} from "../testing/original-otas-database.js";
import { runPrismaCli } from "../testing/prisma-cli.js";
import { querySql } from "../testing/sql.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
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
        "reset_mail_outbox",
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

  /** Applies `ddl` to a fresh original database and expects adoption refused, nothing changed. */
  async function expectRefused(ddl: string, expected: string[]) {
    const { url } = await original();
    await querySql(url, ddl);
    const tables = await publicTables(url);
    const before = await snapshotTables(url, tables);

    const failure = await migrateDatabase(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IncompatibleUsersTableError);
    expect((failure as IncompatibleUsersTableError).differences).toEqual(expected);
    expect(await publicTables(url)).toEqual(tables);
    expect(await snapshotTables(url, tables)).toEqual(before);
  }

  it("refuses a users table with a trigger (one that keeps the old password on update)", async () => {
    await expectRefused(
      `CREATE FUNCTION keep_password() RETURNS trigger LANGUAGE plpgsql
         AS $$ BEGIN NEW.password := OLD.password; RETURN NEW; END $$;
       CREATE TRIGGER users_keep_password BEFORE UPDATE ON users
         FOR EACH ROW EXECUTE FUNCTION keep_password()`,
      [
        "users has a trigger, which could change or refuse this service's writes: users_keep_password (BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION keep_password())",
      ],
    );
  });

  it("refuses a users table with a rule", async () => {
    await expectRefused("CREATE RULE users_no_insert AS ON INSERT TO users DO INSTEAD NOTHING", [
      "users has a rule, which could rewrite this service's statements: users_no_insert (ON INSERT TO public.users DO INSTEAD NOTHING)",
    ]);
  });

  it("refuses a users table with a CHECK constraint", async () => {
    await expectRefused(
      "ALTER TABLE users ADD CONSTRAINT users_short_names CHECK (char_length(first_name) <= 20)",
      [
        "users has a CHECK constraint this service does not know: users_short_names (CHECK ((char_length((first_name)::text) <= 20)))",
      ],
    );
  });

  it("refuses what else could change or refuse writes: RLS, generated and domain columns, keys", async () => {
    await expectRefused(
      `ALTER TABLE users ENABLE ROW LEVEL SECURITY;
       CREATE POLICY own_rows ON users USING (email = current_user);
       ALTER TABLE users DROP COLUMN middle_name;
       ALTER TABLE users ADD COLUMN middle_name varchar(100) GENERATED ALWAYS AS (first_name) STORED;
       CREATE DOMAIN short_name AS varchar(100) CHECK (char_length(VALUE) <= 20);
       ALTER TABLE users ALTER COLUMN last_name TYPE short_name;
       CREATE UNIQUE INDEX users_one_per_name ON users (lower(first_name));
       ALTER TABLE users DROP CONSTRAINT users_email_key;
       ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED;
       CREATE TABLE teams (id uuid PRIMARY KEY);
       ALTER TABLE users ADD COLUMN team_id uuid REFERENCES teams (id)`,
      [
        "users has a column this service does not know: team_id",
        "users has row-level security enabled (policies: own_rows)",
        "users.last_name has the domain type short_name, whose checks would apply",
        "users.middle_name is a generated column",
        "users has a unique constraint this service does not know: users_email_key (UNIQUE (email) DEFERRABLE INITIALLY DEFERRED)",
        "users has a foreign key this service does not know: users_team_id_fkey (FOREIGN KEY (team_id) REFERENCES teams(id))",
        "users has a unique index this service does not know: users_one_per_name (CREATE UNIQUE INDEX users_one_per_name ON public.users USING btree (lower((first_name)::text)))",
      ],
    );
  });

  it("refuses an UNLOGGED users table and one other tables inherit from", async () => {
    const database = await createTestDatabase("postgresql", { migrate: false });
    cleanups.push(database.drop);
    const [initial] = await readMigrationsFolder(defaultMigrationsDir("postgresql"));
    await querySql(
      database.url,
      `${initial?.sql}; ALTER TABLE users SET UNLOGGED; CREATE TABLE users_archive () INHERITS (users)`,
    );
    const failure = await migrateDatabase(database.url).catch((error: unknown) => error);
    expect((failure as IncompatibleUsersTableError).differences).toEqual([
      "users is UNLOGGED: PostgreSQL empties it after a crash",
      "users has tables inheriting from it: users_archive",
    ]);
    expect(await publicTables(database.url)).toEqual(["users", "users_archive"]);
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
