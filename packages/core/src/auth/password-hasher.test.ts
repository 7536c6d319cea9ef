import { createHash } from "node:crypto";
import bcrypt from "bcrypt";
import { describe, expect, it } from "vitest";
import { createPasswordHasher } from "./password-hasher.js";
import { classifyPasswordHash } from "./password-scheme.js";

const hasher = createPasswordHasher(4);

/** What this service's first hasher stored: plain bcrypt, long passwords pre-hashed unsalted. */
function firstHasherHash(password: string): Promise<string> {
  const input =
    Buffer.byteLength(password, "utf8") <= 72
      ? password
      : `sha256:${createHash("sha256").update(password, "utf8").digest("base64")}`;
  return bcrypt.hash(input, 4);
}

const matches = async (password: string, stored: string) =>
  (await hasher.verify(password, stored)).matches;

describe("new hashes: passlib's bcrypt_sha256 v2", () => {
  it("verifies the right password and rejects another", async () => {
    const hash = await hasher.hash("secret1");
    expect(hash).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=4\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{31}$/);
    expect(await hasher.verify("secret1", hash)).toEqual({ matches: true, outdated: false });
    expect(await hasher.verify("secret2", hash)).toEqual({
      matches: false,
      reason: "wrong password",
    });
  });

  it("fits the original's varchar(128) password column at every cost", async () => {
    expect((await createPasswordHasher(10).hash("x".repeat(1000))).length).toBe(83);
    expect((await hasher.hash("x")).length).toBeLessThanOrEqual(128);
  });

  it("verifies hashes passlib made (its own test vectors)", async () => {
    const abc = "abc123".repeat(12);
    const vectors: [string, string][] = [
      ["", "$bcrypt-sha256$v=2,t=2b,r=5$E/e/2AOhqM5W/KJTFQzLce$WFPIZKtDDTriqWwlmRFfHiOTeheAZWe"],
      [
        "password",
        "$bcrypt-sha256$v=2,t=2b,r=5$5Hg1DKFqPE8C2aflZ5vVoe$wOK1VFFtS8IGTrGa7.h5fs0u84qyPbS",
      ],
      [
        "t\u00e1\u0411\u2113\u0259",
        "$bcrypt-sha256$v=2,t=2b,r=5$.US1fQ4TQS.ZTz/uJ5Kyn.$pzzgp40k8reM1CuQb03PvE0IDPQSdV6",
      ],
      [abc, "$bcrypt-sha256$v=2,t=2b,r=5$X1g1nh3g0v4h6970O68cxe$zu1cloESVFIOsUIo7fCEgkdHaI9SSue"],
      [
        `${abc}qwr`,
        "$bcrypt-sha256$v=2,t=2b,r=5$X1g1nh3g0v4h6970O68cxe$CBF9csfEdW68xv3DwE6xSULXMtqEFP.",
      ],
      [
        `${abc}xyz`,
        "$bcrypt-sha256$v=2,t=2b,r=5$X1g1nh3g0v4h6970O68cxe$zC/1UDUG2ofEXB6Onr2vvyFzfhEOS3S",
      ],
    ];
    for (const [password, hash] of vectors) expect(await matches(password, hash)).toBe(true);
    expect(await matches(`${abc}qwr`, vectors[5]?.[1] ?? "")).toBe(false);
  });

  it("does not truncate: long passwords sharing a 72-byte prefix do not match", async () => {
    const prefix = "p".repeat(1000);
    const hash = await hasher.hash(`${prefix}A`);
    expect(await matches(`${prefix}A`, hash)).toBe(true);
    expect(await matches(`${prefix}B`, hash)).toBe(false);
    expect(await matches(prefix, hash)).toBe(false);
  });

  it("counts bytes, keeps characters after a NUL, and salts every hash", async () => {
    const accented = await hasher.hash(`${"é".repeat(36)}x`);
    expect(await matches(`${"é".repeat(36)}y`, accented)).toBe(false);
    const nul = await hasher.hash("ab\u0000cd");
    expect(await matches("ab\u0000xy", nul)).toBe(false);
    expect(await hasher.hash("same")).not.toBe(await hasher.hash("same"));
  });

  it("reports a hash of another cost as outdated", async () => {
    const hash = await createPasswordHasher(5).hash("secret1");
    expect(await hasher.verify("secret1", hash)).toEqual({ matches: true, outdated: true });
  });
});

describe("hashes this service's first hasher stored (plain bcrypt)", () => {
  it("keep verifying, short and long, and are reported outdated", async () => {
    const long = `${"correct horse battery staple ".repeat(4)}!`;
    expect(await hasher.verify("secret1", await firstHasherHash("secret1"))).toEqual({
      matches: true,
      outdated: true,
    });
    const longHash = await firstHasherHash(long);
    expect(await hasher.verify(long, longHash)).toEqual({ matches: true, outdated: true });
    expect(await matches(`${long}?`, longHash)).toBe(false);
  });

  it("refuse the unsalted pre-hash of a long password as a password (issue 11)", async () => {
    const long = "L".repeat(100);
    const prehash = `sha256:${createHash("sha256").update(long, "utf8").digest("base64")}`;
    expect(await matches(prehash, await firstHasherHash(long))).toBe(false);
    // The reverse: a password of that shape, stored as is, never logs in by that string either.
    expect(await matches(prehash, await firstHasherHash(prehash))).toBe(false);
  });
});

describe("the original's Django PBKDF2 hashes", () => {
  it("verify Django's own test vectors (tests/auth_tests/test_hashers.py)", async () => {
    const vectors = [
      "pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
      "pbkdf2_sha256$390000$seasalt2$geC/uZ92nRXDSjSxeoiBqYyRcrLzMm8xK3ro1QS1uo8=",
      "pbkdf2_sha1$390000$seasalt2$aDapRanzW8aHTz97v2TcfHzWD+I=",
    ];
    const verdicts = await Promise.all(vectors.map((hash) => hasher.verify("lètmein", hash)));
    expect(verdicts).toEqual(vectors.map(() => ({ matches: true, outdated: true })));
    expect(await matches("lètmeinz", vectors[2] ?? "")).toBe(false);
  });

  it("verify PBKDF2-HMAC-SHA1 at any iteration count (RFC 6070 vectors as Django hashes)", async () => {
    const asDjango = (iterations: number, hex: string) =>
      `pbkdf2_sha1$${iterations}$salt$${Buffer.from(hex, "hex").toString("base64")}`;
    expect(await matches("password", asDjango(1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"))).toBe(
      true,
    );
    expect(await matches("password", asDjango(2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"))).toBe(
      true,
    );
    const at4096 = asDjango(4096, "4b007901b765489abead49d926f721d065a429c1");
    expect(await matches("password", at4096)).toBe(true);
    expect(await matches("passwore", at4096)).toBe(false);
  });
});

describe("stored values that can never log in", () => {
  it.each([
    ["pbkdf2_sha256$stored-as-typed", "stored it as typed"],
    ["!uxSGNLPi9hYvzvaB68yg1g37Jn2BlJqK94yBKAXB", "marked unusable"],
    ["md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3", "hashed with md5"],
    ["secret1", "no known hash format"],
  ])("refuse even their own text: %s", async (stored, reason) => {
    const verdict = await hasher.verify(stored, stored);
    expect(verdict.matches).toBe(false);
    expect(verdict.matches === false && verdict.reason).toContain(reason);
  });

  it("answer no match without an account, after checking a decoy of the current scheme", async () => {
    expect(await hasher.verify("anything", null)).toEqual({
      matches: false,
      reason: "no user has this email",
    });
    expect(classifyPasswordHash(await hasher.hash("x")).kind).toBe("bcrypt-sha256");
  });
});

describe("a hashing observer", () => {
  it("sees each call start and finish, with the operation and its duration", async () => {
    const events: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const observed = createPasswordHasher(4, {
      started() {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
      },
      finished(operation, seconds) {
        inFlight -= 1;
        expect(seconds).toBeGreaterThan(0);
        events.push(operation);
      },
    });
    const hash = await observed.hash("secret1");
    await Promise.all([observed.verify("secret1", hash), observed.verify("other", null)]);
    expect(events.sort()).toEqual(["hash", "verify", "verify"]);
    expect([inFlight, mostInFlight]).toEqual([0, 2]);
  });
});
