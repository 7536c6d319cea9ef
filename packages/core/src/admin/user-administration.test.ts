import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyPasswordHash } from "../auth/password-scheme.js";
import { migrateDatabase } from "../db/migrate.js";
import { type Database, openDatabase } from "../db/open-database.js";
import { createUserDeps, type UserDeps } from "../dependencies.js";
import { snapshotTables } from "../testing/database-snapshot.js";
import {
  createOriginalOtasDatabase,
  originalOtasOtherTables,
  originalOtasUsers,
} from "../testing/original-otas-database.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { createUser } from "../users/create-user.js";
import { loginUser } from "../users/login-user.js";
import { deleteUser } from "./delete-user.js";
import { findUser } from "./find-user.js";
import { listUsers } from "./list-users.js";
import { setUserPassword } from "./set-user-password.js";

const settings = { jwtSecret: "x".repeat(32), jwtValidityDays: 30, bcryptRounds: 4 };

describe("administering the original's users after the take-over", () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  let deps: UserDeps;
  beforeAll(async () => {
    ({ url, drop } = await createOriginalOtasDatabase());
    await migrateDatabase(url);
    database = await openDatabase(url);
    deps = createUserDeps(database.sql, settings);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("lists them by email, paged and filtered, with how each password is kept", async () => {
    const first = await listUsers({ page: 1, perPage: 4 }, deps);
    expect(first.total).toBe(10);
    expect(first.users.map((user) => user.email)).toEqual([
      "ada@example.com",
      "alan@example.com",
      "edsger@example.com",
      "grace@example.com",
    ]);
    expect(first.users[1]).toEqual({
      id: originalOtasUsers.alan.id,
      first_name: "Alan",
      middle_name: "",
      last_name: "Turing",
      email: "alan@example.com",
      created_at: originalOtasUsers.alan.createdAt,
      updated_at: originalOtasUsers.alan.updatedAt,
      password_scheme: "django_pbkdf2",
      password_detail: "Django pbkdf2_sha256, 720000 iterations",
    });
    const third = await listUsers({ page: 3, perPage: 4 }, deps);
    expect(third.users.map((user) => user.email)).toEqual([
      "unusable@example.com",
      "zoe@example.com",
    ]);
    const filtered = await listUsers({ emailContains: "ZO", page: 1, perPage: 50 }, deps);
    expect(filtered.users.map((user) => [user.first_name, user.last_name])).toEqual([
      ["Zoë", "Ørsted-Müller"],
    ]);
    expect((await listUsers({ emailContains: "%", page: 1, perPage: 50 }, deps)).total).toBe(0);
  });

  it("shows a user with the rows of the original's tables that point at it", async () => {
    const grace = await findUser({ email: " GRACE@example.com " }, deps);
    expect(grace?.references).toEqual([
      { table: "project", column: "created_by_id", rows: 1 },
      { table: "user_project_mapping", column: "user_id", rows: 1 },
    ]);
    const zoe = await findUser({ email: "zoe@example.com" }, deps);
    expect(zoe?.references).toEqual([
      { table: "agent", column: "created_by_id", rows: 1 },
      { table: "user_project_mapping", column: "user_id", rows: 1 },
    ]);
    expect(await findUser({ email: "nobody@example.com" }, deps)).toBeNull();
  });

  it("refuses to delete a user the original's tables still reference, deleting nothing", async () => {
    const before = await snapshotTables(url, [...originalOtasOtherTables, "users"]);
    const result = await deleteUser({ email: "grace@example.com" }, deps);
    expect(result).toMatchObject({
      outcome: "referenced",
      user: { email: "grace@example.com" },
      references: [
        { table: "project", column: "created_by_id", rows: 1 },
        { table: "user_project_mapping", column: "user_id", rows: 1 },
      ],
    });
    expect(await snapshotTables(url, [...originalOtasOtherTables, "users"])).toEqual(before);
  });

  it("deletes an unreferenced user", async () => {
    expect(await deleteUser({ email: "md5@example.com" }, deps)).toMatchObject({
      outcome: "deleted",
      user: { email: "md5@example.com", password_detail: "unknown: md5" },
    });
    expect(await findUser({ email: "md5@example.com" }, deps)).toBeNull();
    expect(await deleteUser({ email: "md5@example.com" }, deps)).toEqual({ outcome: "not_found" });
  });

  it("sets a password with the current scheme, in the original's varchar(128)", async () => {
    const { unusable } = originalOtasUsers;
    await expect(
      setUserPassword({ email: unusable.email, password: "12345" }, deps),
    ).rejects.toMatchObject({ code: "password_too_short" });
    const updated = await setUserPassword(
      { email: unusable.email, password: "a-new-secret" },
      deps,
    );
    expect((updated?.updated_at ?? "") > unusable.updatedAt).toBe(true);
    expect(updated?.created_at).toBe(unusable.createdAt);
    await expect(
      loginUser({ email: unusable.email, password: "a-new-secret" }, deps),
    ).resolves.toBeDefined();
    const stored = await deps.users.findCredentialsByEmail(unusable.email);
    expect(classifyPasswordHash(stored?.passwordHash ?? "").kind).toBe("bcrypt-sha256");
    expect(
      await setUserPassword({ email: "nobody@example.com", password: "secret1" }, deps),
    ).toBeNull();
  });
});

describe.each(["sqlite", "postgresql"] as const)("administering users on %s", (provider) => {
  let opened: TestDeps;
  let deps: UserDeps;
  beforeAll(async () => {
    opened = await openTestDeps(provider, settings);
    ({ deps } = opened);
    for (const email of ["a_b@example.com", "axb@example.com", "100%@example.com"]) {
      await createUser(
        { first_name: "A", middle_name: null, last_name: "B", email, password: "secret1" },
        deps,
      );
    }
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("filters by email literally, wildcards included", async () => {
    const emails = async (emailContains: string) =>
      (await listUsers({ emailContains, page: 1, perPage: 10 }, deps)).users.map((u) => u.email);
    expect(await emails("a_b")).toEqual(["a_b@example.com"]);
    expect(await emails("0%")).toEqual(["100%@example.com"]);
    expect(await emails("")).toHaveLength(3);
  });

  it("shows, sets the password of and deletes a user", async () => {
    expect(await findUser({ email: "axb@example.com" }, deps)).toMatchObject({
      user: { password_scheme: "bcrypt", password_detail: "bcrypt_sha256, cost 4" },
      references: [],
    });
    expect(
      await setUserPassword({ email: "axb@example.com", password: "changed1" }, deps),
    ).not.toBeNull();
    await expect(
      loginUser({ email: "axb@example.com", password: "changed1" }, deps),
    ).resolves.toBeDefined();
    expect((await deleteUser({ email: "axb@example.com" }, deps)).outcome).toBe("deleted");
    expect((await listUsers({ page: 1, perPage: 10 }, deps)).total).toBe(2);
  });
});
