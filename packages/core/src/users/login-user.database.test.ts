import { createHash, randomUUID } from "node:crypto";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.js";
import { createUserDeps, type UserDeps } from "../dependencies.js";
import { createTestDatabase } from "../testing/test-database.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";
import { loginUser } from "./login-user.js";

/** The string the first hasher gave bcrypt for a password over 72 bytes. */
const unsaltedPrehash = (password: string) =>
  `sha256:${createHash("sha256").update(password, "utf8").digest("base64")}`;

describe.each(["sqlite", "postgresql"] as const)("loginUser on %s", (provider) => {
  let database: Database;
  let drop: () => Promise<void>;
  let deps: UserDeps;
  beforeAll(async () => {
    const testDatabase = await createTestDatabase(provider);
    drop = testDatabase.drop;
    database = await openDatabase(testDatabase.url);
    deps = createUserDeps(database.client, {
      jwtSecret: "x".repeat(32),
      jwtValidityDays: 30,
      bcryptRounds: 4,
    });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  /** Stores a user with a hash made elsewhere (the first hasher, the original). */
  async function insertWithHash(email: string, passwordHash: string) {
    const now = new Date();
    await deps.users.insert({
      id: randomUUID(),
      firstName: "A",
      middleName: null,
      lastName: "B",
      email,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
  }

  it("cannot be logged into with the unsalted SHA-256 of a long password (issue 11)", async () => {
    const password = `${"correct horse battery staple ".repeat(4)}!`;
    const email = `long.${provider}@example.com`;
    await createUser(
      parseInput(createUserInput, { first_name: "A", last_name: "B", email, password }),
      deps,
    );

    await expect(loginUser({ email, password }, deps)).resolves.toBeDefined();
    await expect(
      loginUser({ email, password: unsaltedPrehash(password) }, deps),
    ).rejects.toMatchObject({ code: "login_failed" });
  });

  it("keeps a first-hasher hash of a long password working and refuses its pre-hash", async () => {
    const password = "é".repeat(50);
    const email = `legacy.${provider}@example.com`;
    await insertWithHash(email, await bcrypt.hash(unsaltedPrehash(password), 4));

    await expect(
      loginUser({ email, password: unsaltedPrehash(password) }, deps),
    ).rejects.toMatchObject({ code: "login_failed", logReason: "wrong password" });
    await expect(loginUser({ email, password }, deps)).resolves.toBeDefined();
  });
});
