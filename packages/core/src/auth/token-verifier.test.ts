import jwt from "jsonwebtoken";
import { describe, expect, it, vi } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { handMadeToken } from "./hand-made-token.js";
import { createJwtIssuer } from "./token-issuer.js";
import { createJwtVerifier, REMEMBERED_TOKENS } from "./token-verifier.js";

const secret = "shared-secret-of-the-otas-services!";
const now = new Date("2026-04-16T10:00:00Z");
const nowSeconds = Math.floor(now.getTime() / 1000);
const verifier = createJwtVerifier({ secret, validityDays: 30, now: () => now });
const DAY = 86_400;
const claims = {
  user_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  email: "a@b.c",
  iat: nowSeconds - 60,
  exp: nowSeconds + 3600,
};

function rejects(token: string) {
  let thrown: unknown;
  try {
    verifier.verify(token);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect(thrown).toMatchObject({ code: "invalid_token", message: "invalid_token" });
}

describe("createJwtVerifier", () => {
  it("accepts a token issued by this service", () => {
    const { token } = createJwtIssuer({ secret, validityDays: 30, now: () => now }).issue({
      id: claims.user_id,
      email: claims.email,
    });
    expect(verifier.verify(token)).toMatchObject({ user_id: claims.user_id, email: claims.email });
  });

  it("accepts a token built elsewhere (PyJWT style) with the shared secret", () => {
    expect(verifier.verify(handMadeToken(claims, { secret }))).toEqual(claims);
  });

  it("reads a session claim", () => {
    const sid = "0f0e5d7c-5f43-4b57-9a0e-3c8f1f0e9b1a";
    expect(verifier.verify(handMadeToken({ ...claims, sid }, { secret }))).toEqual({
      ...claims,
      sid,
    });
  });

  it.each([
    ["garbage", "not-a-token"],
    ["an empty string", ""],
    ["three empty parts", ".."],
    ["a Bearer prefix", `Bearer ${handMadeToken(claims, { secret })}`],
    ["another secret", handMadeToken(claims, { secret: "another-secret-another-secret!!" })],
    ["alg none", handMadeToken(claims, { secret, hmac: "none" })],
    ["HS512 with the shared secret", handMadeToken(claims, { secret, hmac: "sha512" })],
    ["an expired token", handMadeToken({ ...claims, exp: nowSeconds - 3600 }, { secret })],
    ["nbf in the future", handMadeToken({ ...claims, nbf: nowSeconds + 3600 }, { secret })],
    ["iat in the future", handMadeToken({ ...claims, iat: nowSeconds + 3600 }, { secret })],
    ["a user_id that is not a UUID", handMadeToken({ ...claims, user_id: "1 OR 1=1" }, { secret })],
    ["a numeric user_id", handMadeToken({ ...claims, user_id: 42 }, { secret })],
    ["a sid that is no session id", handMadeToken({ ...claims, sid: "1 OR 1=1" }, { secret })],
    [
      "a sid in capitals (ids are written lowercase)",
      handMadeToken({ ...claims, sid: "0F0E5D7C-5F43-4B57-9A0E-3C8F1F0E9B1A" }, { secret }),
    ],
    ["a numeric sid", handMadeToken({ ...claims, sid: 7 }, { secret })],
    ["no user_id", handMadeToken({ ...claims, user_id: undefined }, { secret })],
    ["no exp", handMadeToken({ ...claims, exp: undefined }, { secret })],
    ["no iat", handMadeToken({ ...claims, iat: undefined }, { secret })],
    ["a string exp", handMadeToken({ ...claims, exp: "never" }, { secret })],
    [
      "a crit header",
      handMadeToken(claims, { secret, header: { alg: "HS256", typ: "JWT", crit: ["exp"] } }),
    ],
    [
      "an empty crit header",
      handMadeToken(claims, { secret, header: { alg: "HS256", typ: "JWT", crit: [] } }),
    ],
    [
      "a lifetime one second over the validity",
      handMadeToken({ ...claims, exp: claims.iat + 30 * DAY + 1 }, { secret }),
    ],
    [
      "a lifetime of a hundred years",
      handMadeToken({ ...claims, exp: claims.iat + 36_500 * DAY }, { secret }),
    ],
    [
      "a non-object payload",
      `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from("[1]").toString("base64url")}.x`,
    ],
  ])("rejects %s as invalid_token", (_name, token) => {
    rejects(token);
  });

  it("rejects a tampered payload", () => {
    const [header, , signature] = handMadeToken(claims, { secret }).split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...claims, user_id: "00000000-0000-4000-8000-000000000000" }),
    ).toString("base64url");
    rejects(`${header}.${forged}.${signature}`);
  });

  it.each([
    [handMadeToken({ ...claims, exp: nowSeconds - 3600 }, { secret }), "jwt expired"],
    [handMadeToken(claims, { secret: "another-secret-another-secret!!" }), "invalid signature"],
    [handMadeToken(claims, { secret, hmac: "sha512" }), "invalid algorithm"],
    [handMadeToken({ ...claims, iat: nowSeconds + 3600 }, { secret }), "iat in the future"],
    [
      handMadeToken({ ...claims, user_id: "x", exp: undefined }, { secret }),
      "bad claims: user_id, exp",
    ],
    [
      handMadeToken(claims, { secret, header: { alg: "HS256", typ: "JWT", crit: ["b64"] } }),
      "crit header",
    ],
    [
      handMadeToken({ ...claims, exp: claims.iat + 31 * DAY }, { secret }),
      "lifetime longer than JWT_VALIDITY_DAYS",
    ],
  ])("keeps the reason for the log only (%#: %s)", (token, reason) => {
    try {
      verifier.verify(token);
      throw new Error("expected invalid_token");
    } catch (error) {
      expect(error).toMatchObject({
        code: "invalid_token",
        logReason: reason,
        message: "invalid_token",
        // Only a genuine token past its `exp` is told apart (for typed clients).
        reason: reason === "jwt expired" ? "expired" : undefined,
      });
    }
  });

  it("accepts a lifetime of exactly the validity, as this service issues them", () => {
    const token = handMadeToken({ ...claims, exp: claims.iat + 30 * DAY }, { secret });
    expect(verifier.verify(token).exp).toBe(claims.iat + 30 * DAY);
  });

  it("tolerates a few seconds of clock difference between services", () => {
    expect(verifier.verify(handMadeToken({ ...claims, iat: nowSeconds + 5 }, { secret })).iat).toBe(
      nowSeconds + 5,
    );
  });

  it("remembers a token it verified, and checks the clock again at every call", () => {
    let clock = now;
    const remembering = createJwtVerifier({ secret, validityDays: 30, now: () => clock });
    const token = handMadeToken({ ...claims, nbf: nowSeconds - 160 }, { secret });
    const verify = vi.spyOn(jwt, "verify");
    try {
      expect(remembering.verify(token)).toEqual(claims);
      expect(remembering.verify(token)).toEqual(claims);
      expect(verify).toHaveBeenCalledTimes(1);
      const refusal = (at: number) => {
        clock = new Date(at * 1000);
        try {
          remembering.verify(token);
        } catch (error) {
          return error;
        }
        return undefined;
      };
      // Each as the first check would have said it.
      expect(refusal(nowSeconds - 3600)).toMatchObject({
        code: "invalid_token",
        logReason: "jwt not active",
      });
      expect(refusal(nowSeconds - 100)).toMatchObject({ logReason: "iat in the future" });
      expect(refusal(claims.exp + 31)).toMatchObject({
        logReason: "jwt expired",
        reason: "expired",
      });
      expect(refusal(nowSeconds)).toBeUndefined();
      // Its signature altered, it is another text: verified again, and refused.
      const altered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}A`;
      expect(() => remembering.verify(altered)).toThrow(DomainError);
    } finally {
      verify.mockRestore();
    }
  });

  it(`remembers the last ${REMEMBERED_TOKENS} tokens only`, () => {
    const remembering = createJwtVerifier({ secret, validityDays: 30, now: () => now });
    const tokens = Array.from({ length: REMEMBERED_TOKENS + 1 }, (_, i) =>
      handMadeToken({ ...claims, iat: claims.iat - i }, { secret }),
    );
    for (const token of tokens) remembering.verify(token);
    const verify = vi.spyOn(jwt, "verify");
    try {
      remembering.verify(tokens.at(-1) ?? "");
      expect(verify).toHaveBeenCalledTimes(0);
      remembering.verify(tokens[0] ?? "");
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });
});
