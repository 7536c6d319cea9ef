import { pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPasswordHasher } from "../auth/password-hasher.js";
import { classifyPasswordHash } from "../auth/password-scheme.js";
import { DomainError } from "../errors/domain-error.js";
import { createFakeDeps } from "../testing/fake-deps.js";
import { parseTimestamp } from "../time/epoch-micros.js";
import { loginUser } from "./login-user.js";
import type { UserRepository } from "./user-repository.js";

/** A Django PBKDF2 hash, made at a low iteration count to keep the test fast. */
const djangoHash = (password: string, salt = "seasalt", iterations = 1000) =>
  `pbkdf2_sha256$${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, "sha256").toString("base64")}`;

const id = "3a767292-cfae-4f5d-a8c2-70d15a7c290a";
const email = "ada@example.com";

async function setup(storedHash: string, wrap?: (users: UserRepository) => UserRepository) {
  const fake = createFakeDeps();
  await fake.users.insert({
    id,
    firstName: "Ada",
    middleName: null,
    lastName: "Lovelace",
    email,
    passwordHash: storedHash,
    createdAt: parseTimestamp("2026-11-29T14:54:23.247321Z"),
    updatedAt: parseTimestamp("2026-11-29T14:54:35.779733Z"),
  });
  const deps = {
    ...fake.deps,
    hasher: createPasswordHasher(4),
    users: wrap ? wrap(fake.users) : fake.users,
  };
  const storedNow = async () => (await fake.users.findCredentialsByEmail(email))?.passwordHash;
  return {
    ...fake,
    deps,
    storedNow,
    login: (password: string) => loginUser({ email, password }, deps),
  };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "login_failed", detail: undefined });
  return (error as DomainError).logReason;
};

describe("loginUser on a Django hash", () => {
  it("logs in and replaces the hash with the current scheme once, leaving updated_at alone", async () => {
    const { login, storedNow, log, users } = await setup(djangoHash("secret1"));
    const result = await login("secret1");
    expect(result.user).toMatchObject({ id, updated_at: "2026-11-29T14:54:35.779733+00:00" });

    const upgraded = (await storedNow()) ?? "";
    expect(classifyPasswordHash(upgraded)).toMatchObject({ kind: "bcrypt-sha256", rounds: 4 });
    expect(log.lines).toEqual([
      {
        level: "info",
        message: "password hash upgraded to the current scheme",
        details: { userId: id },
      },
    ]);

    await login("secret1");
    expect(await storedNow()).toBe(upgraded);
    expect(log.lines).toHaveLength(1);
    expect((await users.findById(id))?.updatedAt).toBe(
      parseTimestamp("2026-11-29T14:54:35.779733Z"),
    );
    await expect(login("secret2")).rejects.toMatchObject({
      code: "login_failed",
      detail: undefined,
    });
  });

  it("says why on the log line only: wrong password, no such user, a row that cannot log in", async () => {
    const wrong = await setup(djangoHash("secret1"));
    expect(await refusal(wrong.login("secret2"))).toBe("wrong password");
    expect(await refusal(loginUser({ email: "x@y.z", password: "secret1" }, wrong.deps))).toBe(
      "no user has this email",
    );
    const plain = await setup("pbkdf2_sha256$stored-as-typed");
    expect(await refusal(plain.login("pbkdf2_sha256$stored-as-typed"))).toContain(
      "stored it as typed",
    );
    expect(await plain.storedNow()).toBe("pbkdf2_sha256$stored-as-typed");
  });

  it("never overwrites a password changed while the login re-hashed (compare-and-set), and gives that login no session", async () => {
    const changed = djangoHash("changed-meanwhile", "othersalt");
    const { login, storedNow, log } = await setup(djangoHash("secret1"), (users) => ({
      ...users,
      async replacePasswordHash(userId, expected, replacement) {
        await users.updatePassword(userId, changed, Date.now() * 1000);
        return users.replacePasswordHash(userId, expected, replacement);
      },
    }));
    await expect(login("secret1")).rejects.toMatchObject({
      code: "login_failed",
      logReason: "password changed while logging in",
    });
    expect(await storedNow()).toBe(changed);
    expect(log.lines.map((line) => line.message)).toEqual([
      "password hash changed meanwhile; left as it is",
    ]);
  });

  it("still logs in when the upgrade fails, and logs the failure without the hash", async () => {
    const original = djangoHash("secret1");
    const { login, storedNow, log } = await setup(original, (users) => ({
      ...users,
      replacePasswordHash: async () => {
        throw new Error(`value too long\nparameters: ${original}`);
      },
    }));
    await expect(login("secret1")).resolves.toBeDefined();
    expect(await storedNow()).toBe(original);
    expect(log.lines).toEqual([
      {
        level: "error",
        message: "password hash upgrade failed",
        details: { userId: id, error: "Error: value too long" },
      },
    ]);
  });

  it("lets two simultaneous first logins both succeed; one upgrades", async () => {
    const { login, storedNow, log } = await setup(djangoHash("secret1"));
    const results = await Promise.all([login("secret1"), login("secret1")]);
    expect(results.map((result) => result.user.id)).toEqual([id, id]);
    expect(classifyPasswordHash((await storedNow()) ?? "").kind).toBe("bcrypt-sha256");
    expect(log.lines.map((line) => line.message).sort()).toEqual([
      "password hash changed meanwhile; left as it is",
      "password hash upgraded to the current scheme",
    ]);
  });
});
