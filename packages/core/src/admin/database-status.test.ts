import { randomUUID } from "node:crypto";
import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrateDatabase } from "../db/migrate.js";
import { defaultMigrationsDir, readMigrationsFolder } from "../db/migrations-folder.js";
import { openDatabase } from "../db/open-database.js";
import { publicTables, snapshotTables } from "../testing/database-snapshot.js";
import { djangoHashVectors } from "../testing/django-hash-vectors.js";
import { createOriginalOtasDatabase } from "../testing/original-otas-database.js";
import { querySql } from "../testing/sql.js";
import { createTestDatabase } from "../testing/test-database.js";
import { createSqlUserRepository } from "../users/sql-user-repository.js";
import { databaseStatus } from "./database-status.js";

const names = async (provider: "sqlite" | "postgresql") =>
  (await readMigrationsFolder(defaultMigrationsDir(provider))).map((migration) => migration.name);

describe("databaseStatus on the original's database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it("reports it adoptable before the first start, changing nothing, and adopted after", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    const tables = await publicTables(database.url);
    const snapshot = await snapshotTables(database.url, tables);
    const [initial, ...later] = await names("postgresql");

    const before = await databaseStatus({ url: database.url, bcryptRounds: 12 });
    expect(before).toMatchObject({
      provider: "postgresql",
      exists: true,
      users_table: { state: "adoptable", differences: [] },
      migrations: { applied: [], pending: [initial, ...later], failed: [], adopted: null },
      plan: { refused: false, adopt: initial, apply: later },
      passwords: {
        users: 10,
        by_family: { bcrypt: 0, django_pbkdf2: 7, unusable: 1, unknown: 2 },
        by_scheme: {
          "Django pbkdf2_sha256, 260000 iterations": 5,
          "Django pbkdf2_sha256, 720000 iterations": 1,
          "Django pbkdf2_sha1, 36000 iterations": 1,
          "unusable (Django !)": 1,
          "unknown: plain text stored by the original": 1,
          "unknown: md5": 1,
        },
        upgraded_at_next_login: 7,
      },
    });
    expect(before.location).toMatch(/^127\.0\.0\.1:5432\/otas_test_/);
    expect(await publicTables(database.url)).toEqual(tables);
    expect(await snapshotTables(database.url, tables)).toEqual(snapshot);

    await migrateDatabase(database.url);
    expect(await databaseStatus({ url: database.url, bcryptRounds: 12 })).toMatchObject({
      users_table: { state: "adopted" },
      migrations: { applied: [initial, ...later], pending: [], adopted: initial },
      plan: { refused: false, adopt: null, apply: [] },
    });
  });

  it("names the differences of a users table it could not adopt", async () => {
    const database = await createOriginalOtasDatabase();
    cleanups.push(database.drop);
    await querySql(database.url, "ALTER TABLE users ADD COLUMN nickname text");
    const status = await databaseStatus({ url: database.url, bcryptRounds: 12 });
    expect(status.users_table).toEqual({
      state: "incompatible",
      differences: ["users has a column this service does not know: nickname"],
    });
    expect(status.plan).toEqual({ refused: true, adopt: null, apply: [] });
  });
});

describe.each(["sqlite", "postgresql"] as const)("databaseStatus on %s", (provider) => {
  it("reports a database this service created, and one that does not exist yet", async () => {
    const database = await createTestDatabase(provider);
    try {
      expect(await databaseStatus({ url: database.url, bcryptRounds: 4 })).toMatchObject({
        provider,
        exists: true,
        users_table: { state: "created", differences: [] },
        migrations: {
          applied: await names(provider),
          pending: [],
          unknown: [],
          modified: [],
          adopted: null,
        },
        plan: { refused: false, adopt: null, apply: [] },
        passwords: { users: 0, upgraded_at_next_login: 0 },
      });
    } finally {
      await database.drop();
    }
    const missing =
      provider === "sqlite"
        ? `file:${path.join(await mkdtemp(path.join(tmpdir(), "otas-status-")), "none.db")}`
        : database.url;
    const status = await databaseStatus({ url: missing, bcryptRounds: 4 });
    expect(status).toMatchObject({
      exists: false,
      users_table: { state: "missing" },
      migrations: { applied: [], pending: await names(provider) },
      plan: { refused: false, adopt: null, apply: await names(provider) },
      passwords: null,
    });
    if (provider === "sqlite") await rm(path.dirname(missing.slice(5)), { recursive: true });
  });

  it("counts users on Django's scrypt, argon2 and bcrypt_sha256 hashes as upgraded at next login", async () => {
    const database = await createTestDatabase(provider);
    const opened = await openDatabase(database.url);
    try {
      const users = createSqlUserRepository(opened.sql);
      for (const { encoded } of djangoHashVectors().vectors) {
        await users.insert({
          id: randomUUID(),
          firstName: "A",
          middleName: "",
          lastName: "B",
          email: `${randomUUID()}@example.com`,
          passwordHash: encoded,
          createdAt: 0,
          updatedAt: 0,
        });
      }
      const { passwords } = await databaseStatus({ url: database.url, bcryptRounds: 12 });
      expect(passwords).toMatchObject({
        users: 12,
        by_family: { django_argon2: 5, django_scrypt: 4, django_bcrypt_sha256: 3, unknown: 0 },
        by_scheme: {
          "Django argon2id v=19, m=102400 t=2 p=8": 3,
          "Django argon2i v=19, m=512 t=2 p=2": 1,
          "Django argon2i v=16, m=512 t=2 p=2": 1,
          "Django scrypt, N=16384 r=8 p=5": 3,
          "Django scrypt, N=16384 r=8 p=1": 1,
          "Django bcrypt_sha256, cost 12": 3,
        },
        upgraded_at_next_login: 12,
      });
    } finally {
      await opened.close();
      await database.drop();
    }
  });

  it("reports a migration changed since it was applied, which db migrate would refuse", async () => {
    const database = await createTestDatabase(provider, { migrate: false });
    const migrationsDir = await mkdtemp(path.join(tmpdir(), "otas-migrations-"));
    try {
      await cp(defaultMigrationsDir(provider), migrationsDir, { recursive: true });
      await migrateDatabase(database.url, { migrationsDir });
      const [first] = await names(provider);
      await appendFile(path.join(migrationsDir, `${first}/migration.sql`), "\n-- edited\n");
      const status = await databaseStatus({ url: database.url, bcryptRounds: 4, migrationsDir });
      expect(status.migrations.modified).toEqual([first]);
      expect(status.plan).toEqual({ refused: true, adopt: null, apply: [] });
    } finally {
      await database.drop();
      await rm(migrationsDir, { recursive: true, force: true });
    }
  });
});
