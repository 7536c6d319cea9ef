import { describe, expect, it } from "vitest";
import { createBcryptHasher } from "./password-hasher.js";

const hasher = createBcryptHasher(4);

describe("createBcryptHasher", () => {
  it("verifies the right password and rejects another", async () => {
    const hash = await hasher.hash("secret1");
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(hash).not.toContain("secret1");
    expect(await hasher.verify("secret1", hash)).toBe(true);
    expect(await hasher.verify("secret2", hash)).toBe(false);
  });

  it("does not truncate: long passwords sharing a 72-byte prefix do not match", async () => {
    const prefix = "p".repeat(1000);
    const hash = await hasher.hash(`${prefix}A`);
    expect(await hasher.verify(`${prefix}A`, hash)).toBe(true);
    expect(await hasher.verify(`${prefix}B`, hash)).toBe(false);
    expect(await hasher.verify(prefix, hash)).toBe(false);
  });

  it("counts bytes, not characters, against the 72-byte limit", async () => {
    const hash = await hasher.hash(`${"é".repeat(36)}x`);
    expect(await hasher.verify(`${"é".repeat(36)}y`, hash)).toBe(false);
  });

  it("keeps characters after a NUL byte", async () => {
    const hash = await hasher.hash("ab\u0000cd");
    expect(await hasher.verify("ab\u0000xy", hash)).toBe(false);
  });

  it("uses the configured cost", async () => {
    expect(await createBcryptHasher(5).hash("secret1")).toMatch(/^\$2b\$05\$/);
  });
});

describe("verify without an account", () => {
  it("answers false after checking against a decoy of the same cost", async () => {
    const hasher5 = createBcryptHasher(5);
    expect(await hasher5.verify("anything", null)).toBe(false);
    expect(await hasher5.verify("anything", null)).toBe(false);
  });
});

describe("a hashing observer", () => {
  it("sees each call start and finish, with the operation and its duration", async () => {
    const events: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const observed = createBcryptHasher(4, {
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
