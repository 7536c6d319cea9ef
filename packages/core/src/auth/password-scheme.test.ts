import { describe, expect, it } from "vitest";
import { classifyPasswordHash, passwordFamily, unusableReason } from "./password-scheme.js";

describe("classifyPasswordHash", () => {
  it("recognises the current scheme, passlib's bcrypt_sha256 v2", () => {
    expect(
      classifyPasswordHash(
        "$bcrypt-sha256$v=2,t=2b,r=12$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
      ),
    ).toEqual({
      kind: "bcrypt-sha256",
      ident: "2b",
      rounds: 12,
      salt: "n79VH.0Q2TMWmt3Oqt9uku",
      digest: "Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
    });
  });

  it("recognises plain bcrypt of every ident as the legacy scheme", () => {
    for (const ident of ["2a", "2b", "2y"]) {
      const hash = `$${ident}$10$${"a".repeat(53)}`;
      expect(classifyPasswordHash(hash)).toEqual({ kind: "bcrypt", ident, rounds: 10 });
    }
  });

  it("decodes Django PBKDF2 hashes at any iteration count", () => {
    const sha256 = classifyPasswordHash(
      "pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
    );
    expect(sha256).toMatchObject({
      kind: "django-pbkdf2",
      digest: "sha256",
      iterations: 390000,
      salt: "seasalt",
    });
    expect(classifyPasswordHash("pbkdf2_sha1$1$salt$DGDID5YfDnHzqbUkr2ASBi/gN6Y=")).toMatchObject({
      kind: "django-pbkdf2",
      digest: "sha1",
      iterations: 1,
    });
  });

  it.each([
    "pbkdf2_sha256$stored-as-typed",
    "pbkdf2_mysecret",
    "pbkdf2_sha256$0$salt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
    "pbkdf2_sha256$99999999999$salt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
    "pbkdf2_sha256$1000$salt$DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
    "pbkdf2_sha256$1000$salt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c",
    "pbkdf2_sha512$1000$salt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=",
  ])("takes %s for one of the original's plain-text rows", (stored) => {
    expect(classifyPasswordHash(stored)).toEqual({
      kind: "unknown",
      problem: { type: "plain_text" },
    });
  });

  it("knows unusable passwords, other algorithms and anything else", () => {
    expect(classifyPasswordHash("!uxSGNLPi9hYvzvaB68yg1g37Jn2BlJqK94yBKAXB")).toEqual({
      kind: "unusable",
    });
    expect(classifyPasswordHash("md5$seasalt$3f86d0d3d465b7b458c231bf3555c0e3")).toEqual({
      kind: "unknown",
      problem: { type: "other_algorithm", algorithm: "md5" },
    });
    for (const stored of ["", "secret1", `$2b$03$${"a".repeat(53)}`, "$bcrypt-sha256$2b,12$x"]) {
      expect(classifyPasswordHash(stored)).toEqual({
        kind: "unknown",
        problem: { type: "malformed" },
      });
    }
  });

  it("groups schemes into the families db status counts, and names why one cannot log in", () => {
    const families = [
      "$bcrypt-sha256$v=2,t=2b,r=12$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
      `$2b$10$${"a".repeat(53)}`,
      "pbkdf2_sha1$1$salt$DGDID5YfDnHzqbUkr2ASBi/gN6Y=",
      "!x",
      "md5$a$b",
    ].map((stored) => passwordFamily(classifyPasswordHash(stored)));
    expect(families).toEqual(["bcrypt", "bcrypt", "django_pbkdf2", "unusable", "unknown"]);
    expect(unusableReason(classifyPasswordHash("pbkdf2_sha256$x"))).toContain("stored it as typed");
    expect(unusableReason(classifyPasswordHash("md5$a$b"))).toContain("hashed with md5");
    expect(unusableReason(classifyPasswordHash(`$2b$10$${"a".repeat(53)}`))).toBeUndefined();
  });
});
