import { describe, expect, it } from "vitest";
import { djangoHashVectors } from "../testing/django-hash-vectors.js";
import { createPasswordHasher } from "./password-hasher.js";
import {
  classifyPasswordHash,
  describeScheme,
  passwordFamily,
  unusableReason,
} from "./password-scheme.js";

const { wrongPassword, vectors } = djangoHashVectors();
const hasher = createPasswordHasher(4);

describe("Django's other default hashers, on hashes Django made", () => {
  it.each(vectors.map((vector) => [vector.encoded.slice(0, 44), vector] as const))(
    "%s… matches its password only, and is upgraded at login",
    async (_label, { password, encoded }) => {
      const [right, ...wrong] = await Promise.all(
        [password, wrongPassword, `${password}x`].map((tried) => hasher.verify(tried, encoded)),
      );
      expect(right).toEqual({ matches: true, outdated: true });
      expect(wrong).toEqual([
        { matches: false, reason: "wrong password" },
        { matches: false, reason: "wrong password" },
      ]);
    },
    30_000, // argon2 at Django's defaults takes 100 MiB and a good part of a second per check
  );

  it("classifies each with its parameters", () => {
    const described = vectors.map((vector) => {
      const scheme = classifyPasswordHash(vector.encoded);
      return `${passwordFamily(scheme)}: ${describeScheme(scheme)}`;
    });
    expect(new Set(described)).toEqual(
      new Set([
        "django_argon2: Django argon2id v=19, m=102400 t=2 p=8",
        "django_argon2: Django argon2i v=19, m=512 t=2 p=2",
        "django_argon2: Django argon2i v=16, m=512 t=2 p=2",
        "django_bcrypt_sha256: Django bcrypt_sha256, cost 12",
        "django_scrypt: Django scrypt, N=16384 r=8 p=5",
        "django_scrypt: Django scrypt, N=16384 r=8 p=1",
      ]),
    );
  });
});

describe("classifying Django's scrypt, argon2 and bcrypt_sha256 forms", () => {
  const scrypt = vectors.find((vector) => vector.hasher === "scrypt")?.encoded ?? "";
  const argon2 = vectors.find((vector) => vector.hasher === "argon2")?.encoded ?? "";

  it("refuses, with a reason, parameters that would cost too much per login", () => {
    const bigScrypt = scrypt.replace("$16384$", "$1048576$"); // 1 GiB
    const bigArgon2 = argon2.replace("m=102400", "m=4194304"); // 4 GiB
    for (const [stored, algorithm] of [
      [bigScrypt, "scrypt"],
      [bigArgon2, "argon2"],
      [scrypt.replace(/\$8\$5\$/, "$8$1000$"), "scrypt"],
      [argon2.replace("t=2", "t=1000"), "argon2"],
    ] as const) {
      const scheme = classifyPasswordHash(stored);
      expect(scheme).toEqual({ kind: "unknown", problem: { type: "out_of_bounds", algorithm } });
      expect(unusableReason(scheme)).toBe(
        `the password is hashed with ${algorithm} at a cost beyond what this service spends on a login`,
      );
    }
  });

  it.each([
    ["a truncated scrypt hash", scrypt.slice(0, -4)],
    ["scrypt with N not a power of two", scrypt.replace("$16384$", "$16000$")],
    ["an unknown argon2 version", argon2.replace("v=19", "v=20")],
    ["bcrypt_sha256 without its bcrypt part", "bcrypt_sha256$$2b$12$short"],
    ["bcrypt_sha256 at cost 3", `bcrypt_sha256$$2b$03$${"a".repeat(53)}`],
  ])("takes %s for malformed", (_label, stored) => {
    expect(classifyPasswordHash(stored)).toEqual({
      kind: "unknown",
      problem: { type: "malformed" },
    });
  });
});
