import { createHash, pbkdf2Sync, randomUUID } from "node:crypto";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyPasswordHash } from "../auth/password-scheme.js";
import type { UserDeps } from "../dependencies.js";
import { djangoHashVectors } from "../testing/django-hash-vectors.js";
import { createRecordingLog } from "../testing/fake-deps.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";
import { loginUser } from "./login-user.js";

/** The string the first hasher gave bcrypt for a password over 72 bytes. */
const unsaltedPrehash = (password: string) =>
  `sha256:${createHash("sha256").update(password, "utf8").digest("base64")}`;

describe.each(["sqlite", "postgresql"] as const)("loginUser on %s", (provider) => {
  let opened: TestDeps;
  let deps: UserDeps;
  const log = createRecordingLog();
  beforeAll(async () => {
    opened = await openTestDeps(provider, { log });
    ({ deps } = opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const storedHash = async (email: string) =>
    (await deps.users.findCredentialsByEmail(email))?.passwordHash ?? "";

  /** Stores a user with a hash made elsewhere (the first hasher, the original). */
  async function insertWithHash(email: string, passwordHash: string) {
    const now = Date.now() * 1000;
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

  it("keeps a first-hasher hash of a long password working, refuses its pre-hash, upgrades it", async () => {
    const password = "é".repeat(50);
    const email = `legacy.${provider}@example.com`;
    await insertWithHash(email, await bcrypt.hash(unsaltedPrehash(password), 4));

    await expect(
      loginUser({ email, password: unsaltedPrehash(password) }, deps),
    ).rejects.toMatchObject({ code: "login_failed", logReason: "wrong password" });
    await expect(loginUser({ email, password }, deps)).resolves.toBeDefined();
    expect(classifyPasswordHash(await storedHash(email)).kind).toBe("bcrypt-sha256");
    await expect(loginUser({ email, password }, deps)).resolves.toBeDefined();
  });

  const djangoMade = (() => {
    const { vectors } = djangoHashVectors();
    const first = (test: (encoded: string) => boolean) =>
      vectors.find((vector) => test(vector.encoded)) ?? vectors[0];
    return [
      first((encoded) => encoded.startsWith("argon2$argon2id$")),
      first((encoded) => encoded.startsWith("argon2$argon2i$m=")),
      first((encoded) => encoded.startsWith("scrypt$")),
      first((encoded) => encoded.startsWith("bcrypt_sha256$")),
    ].map((vector) => [vector?.encoded.split("$").slice(0, 2).join("$"), vector] as const);
  })();

  it.each(djangoMade)(
    "logs in on a Django %s hash and replaces it with the current scheme",
    async (_label, vector) => {
      const email = `${randomUUID()}.${provider}@example.com`;
      await insertWithHash(email, vector?.encoded ?? "");
      await expect(
        loginUser({ email, password: `${vector?.password}x` }, deps),
      ).rejects.toMatchObject({ code: "login_failed", logReason: "wrong password" });
      expect(await storedHash(email)).toBe(vector?.encoded);

      await expect(
        loginUser({ email, password: vector?.password ?? "" }, deps),
      ).resolves.toBeDefined();
      expect(classifyPasswordHash(await storedHash(email))).toMatchObject({
        kind: "bcrypt-sha256",
        rounds: 4,
      });
      await expect(
        loginUser({ email, password: vector?.password ?? "" }, deps),
      ).resolves.toBeDefined();
    },
    30_000,
  );

  it("upgrades a Django hash once, with compare-and-set on the old hash", async () => {
    const email = `django.${provider}@example.com`;
    const django = `pbkdf2_sha256$1000$salt$${pbkdf2Sync("secret1", "salt", 1000, 32, "sha256").toString("base64")}`;
    await insertWithHash(email, django);
    const credentials = await deps.users.findCredentialsByEmail(email);
    const userId = credentials?.user.id ?? "";

    expect(await deps.users.replacePasswordHash(userId, "not-the-stored-hash", "x")).toBe(false);
    expect(await storedHash(email)).toBe(django);

    const logins = await Promise.all(
      [1, 2, 3].map(() => loginUser({ email, password: "secret1" }, deps)),
    );
    expect(logins).toHaveLength(3);
    const upgraded = await storedHash(email);
    expect(classifyPasswordHash(upgraded)).toMatchObject({ kind: "bcrypt-sha256", rounds: 4 });
    const messages = log.lines
      .filter((line) => line.details.userId === userId)
      .map((l) => l.message);
    expect(
      messages.filter((m) => m === "password hash upgraded to the current scheme"),
    ).toHaveLength(1);

    await loginUser({ email, password: "secret1" }, deps);
    expect(await storedHash(email)).toBe(upgraded);
  });
});
