import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createOriginalOtasDatabase,
  originalOtasOtherTables,
  originalOtasUsers,
  publicTables,
  querySql,
  snapshotTables,
  type TestDatabase,
} from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_JWT_SECRET } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe("otas-users on a database the original OTAS service made", () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let dataDir = "";
  beforeAll(async () => {
    database = await createOriginalOtasDatabase();
    dataDir = await mkdtemp(join(tmpdir(), "otas-cli-original-"));
    env = {
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: "4",
      DATA_DIR: dataDir,
    };
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("db status reports it adoptable, with users by password scheme, and changes nothing", async () => {
    const tables = await publicTables(database.url);
    const before = await snapshotTables(database.url, tables);
    const status = await runBinary(["db", "status"], { env });
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(
      "users table: the original OTAS service's, not adopted yet: db migrate (or a start with MIGRATE_ON_START=true) adopts it",
    );
    expect(status.stdout).toContain(
      "users:       10: bcrypt 0, Django PBKDF2 7, unusable 1, unknown 2",
    );
    expect(status.stdout).toContain("     5  Django pbkdf2_sha256, 260000 iterations");
    expect(status.stdout).toContain("     1  unknown: plain text stored by the original");
    expect(await publicTables(database.url)).toEqual(tables);
    expect(await snapshotTables(database.url, tables)).toEqual(before);
  });

  it("lists its users (adopting the database first) with their microseconds", async () => {
    const list = await runBinary(["list", "--json"], { env });
    expect(list.status).toBe(0);
    const { total, users } = JSON.parse(list.stdout) as {
      total: number;
      users: Record<string, string>[];
    };
    expect(total).toBe(10);
    const zoe = users.find((user) => user.email === "zoe@example.com");
    expect(zoe).toMatchObject({
      first_name: "Zoë",
      last_name: "Ørsted-Müller",
      created_at: originalOtasUsers.zoe.createdAt,
      password_detail: "Django pbkdf2_sha256, 260000 iterations",
    });
    const status = JSON.parse((await runBinary(["db", "status", "--json"], { env })).stdout);
    expect(status).toMatchObject({
      users_table: { state: "adopted" },
      migrations: { pending: [] },
    });
  });

  it("refuses to delete the owner of a project, naming what references her", async () => {
    const before = await snapshotTables(database.url, [...originalOtasOtherTables, "users"]);
    const refused = await runBinary(["delete", "grace@example.com", "--yes"], { env });
    expect(refused).toMatchObject({
      status: 1,
      stdout: "",
      stderr:
        "user_referenced: grace@example.com is still referenced by project.created_by_id (1 row), user_project_mapping.user_id (1 row); nothing was deleted\n",
    });
    expect(await snapshotTables(database.url, [...originalOtasOtherTables, "users"])).toEqual(
      before,
    );
    const shown = await runBinary(["show", "grace@example.com"], { env });
    expect(shown.stdout).toContain(
      "referenced_by: project.created_by_id (1 row), user_project_mapping.user_id (1 row)",
    );
  });

  it("sets the password of a user whose row cannot log in, and deletes an unreferenced one", async () => {
    const set = await runBinary(["set-password", "unusable@example.com"], {
      env,
      stdin: "brand-new-1\n",
    });
    expect(set.status).toBe(0);
    const [row] = await querySql(
      database.url,
      "SELECT password FROM users WHERE email = 'unusable@example.com'",
    );
    expect(String(row?.password)).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=4\$/);
    expect((await runBinary(["delete", "md5@example.com", "--yes"], { env })).status).toBe(0);
    const status = JSON.parse((await runBinary(["db", "status", "--json"], { env })).stdout);
    expect(status.passwords.by_family).toEqual({
      bcrypt: 1,
      django_pbkdf2: 7,
      django_scrypt: 0,
      django_argon2: 0,
      django_bcrypt_sha256: 0,
      unusable: 0,
      unknown: 1,
    });
  });

  it("db status exits 1 and names the difference of a users table the server would refuse", async () => {
    const other = await createOriginalOtasDatabase();
    try {
      await querySql(other.url, "ALTER TABLE users ALTER COLUMN first_name TYPE varchar(50)");
      const status = await runBinary(["db", "status"], {
        env: { ...env, DATABASE_URL: other.url },
      });
      expect(status.status).toBe(1);
      expect(status.stdout).toContain(
        "difference:  users.first_name is character varying(50); expected character varying(100)",
      );
    } finally {
      await other.drop();
    }
  });
});
