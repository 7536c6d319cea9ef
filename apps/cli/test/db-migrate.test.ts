import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createOriginalOtasDatabase,
  createTestDatabase,
  publicTables,
  querySql,
  snapshotTables,
} from "@otas/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_JWT_SECRET } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function cliEnv(url: string): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(join(tmpdir(), "otas-cli-migrate-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  return { DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, BCRYPT_ROUNDS: "4", DATA_DIR: dataDir };
}

const migrationNames = async (url: string) =>
  (await querySql(url, `SELECT migration_name FROM "_prisma_migrations" ORDER BY started_at`)).map(
    (row) => String(row.migration_name),
  );

describe("otas-users db migrate on a database the original OTAS service made", () => {
  it("is what db status announces: it adopts users and applies the rest; commands wait for it with MIGRATE_ON_START=false", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    const env = await cliEnv(database.url);
    const everything = await publicTables(database.url);
    const before = await snapshotTables(database.url, everything);

    const status = JSON.parse((await runBinary(["db", "status", "--json"], { env })).stdout);
    const [initial, ...later] = status.migrations.pending as string[];
    expect(status.plan).toEqual({ refused: false, adopt: initial, apply: later });
    expect((await runBinary(["db", "status"], { env })).stdout).toContain(
      `  db migrate:  adopts the users table (records ${initial} as applied without running it), then applies ${later.length}: ${later.join(", ")}\n`,
    );

    const refused = await runBinary(["list"], { env: { ...env, MIGRATE_ON_START: "false" } });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: UnmigratedDatabaseError: MIGRATE_ON_START is false and the database is not migrated: it holds the original OTAS service's users table, not adopted yet .*Run `otas-users db migrate`/,
    );
    expect(await publicTables(database.url)).toEqual(everything);
    expect(await snapshotTables(database.url, everything)).toEqual(before);

    const migrate = await runBinary(["db", "migrate"], { env });
    expect(migrate).toMatchObject({
      status: 0,
      stderr: "",
      stdout: `Adopted the existing OTAS users table: recorded ${initial} as applied without running it.\nApplied ${later.length} migrations: ${later.join(", ")}\n`,
    });
    expect(await migrationNames(database.url)).toEqual([initial, ...later]);
    expect(await snapshotTables(database.url, ["users"])).toEqual({ users: before.users });

    expect(await runBinary(["db", "migrate", "--json"], { env })).toMatchObject({
      status: 0,
      stdout: `${JSON.stringify({ adopted: null, applied: [], unknown: [] })}\n`,
    });
    expect((await runBinary(["db", "status"], { env })).stdout).toContain(
      "  db migrate:  nothing to do\n",
    );
    const list = await runBinary(["list", "--json"], {
      env: { ...env, MIGRATE_ON_START: "false" },
    });
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).total).toBe(10);
  });

  it("refuses a users table that differs, naming every difference, and writes nothing", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    await querySql(
      database.url,
      `ALTER TABLE users ADD COLUMN nickname text;
       ALTER TABLE users ADD CONSTRAINT users_short CHECK (char_length(first_name) < 50)`,
    );
    const everything = await publicTables(database.url);
    const before = await snapshotTables(database.url, everything);

    const migrate = await runBinary(["db", "migrate"], { env: await cliEnv(database.url) });
    expect(migrate.status).toBe(1);
    expect(migrate.stdout).toBe("");
    expect(migrate.stderr).toContain("nothing was changed:\n");
    expect(migrate.stderr).toContain(
      "  - users has a column this service does not know: nickname\n",
    );
    expect(migrate.stderr).toContain(
      "  - users has a CHECK constraint this service does not know: users_short (CHECK ((char_length((first_name)::text) < 50)))\n",
    );
    expect(await publicTables(database.url)).toEqual(everything);
    expect(await snapshotTables(database.url, everything)).toEqual(before);
  });
});

describe.each(["sqlite", "postgresql"] as const)("otas-users db migrate on %s", (provider) => {
  it("migrates a new database, and is then what lets MIGRATE_ON_START=false commands run", async () => {
    const database = await createTestDatabase(provider, { migrate: false });
    cleanups.push(database.drop);
    const env = await cliEnv(database.url);
    const separately = { ...env, MIGRATE_ON_START: "false" };

    const refused = await runBinary(["list"], { env: separately });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("MIGRATE_ON_START is false and the database is not migrated");

    const migrate = await runBinary(["db", "migrate", "--json"], { env });
    expect(migrate.status).toBe(0);
    const run = JSON.parse(migrate.stdout) as { adopted: null; applied: string[] };
    expect(run.adopted).toBeNull();
    expect(run.applied).toEqual(await migrationNames(database.url));
    expect(run.applied.length).toBeGreaterThan(0);
    expect((await runBinary(["list"], { env: separately })).status).toBe(0);
  });
});

describe("otas-users db migrate behind a transaction pooler (DATABASE_POOLER=transaction)", () => {
  it("migrates on DIRECT_DATABASE_URL, and refuses without it, naming it", async () => {
    const database = await createTestDatabase("postgresql", { migrate: false });
    cleanups.push(database.drop);
    // Nothing listens there: only the direct URL can be what gets migrated.
    const pooled = {
      ...(await cliEnv("postgresql://postgres@127.0.0.1:1/otas")),
      DATABASE_POOLER: "transaction",
    };
    const refused = await runBinary(["db", "migrate"], {
      env: { ...pooled, MIGRATE_ON_START: "false" },
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "DIRECT_DATABASE_URL: required to migrate with DATABASE_POOLER=transaction",
    );
    expect(await publicTables(database.url)).toEqual([]);

    const migrate = await runBinary(["db", "migrate"], {
      env: { ...pooled, MIGRATE_ON_START: "false", DIRECT_DATABASE_URL: database.url },
    });
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/^Applied \d+ migrations: /);
    expect((await migrationNames(database.url)).length).toBeGreaterThan(0);
  });
});
