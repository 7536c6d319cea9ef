import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { handMadeToken } from "./hand-made-token.js";
import { createJwtIssuer } from "./token-issuer.js";
import { createJwtVerifier } from "./token-verifier.js";

const secret = "shared-secret-of-the-otas-services!";
const now = new Date("2026-04-16T10:00:00Z");
const nowSeconds = Math.floor(now.getTime() / 1000);
const verifier = createJwtVerifier({ secret, now: () => now });
const claims = {
  user_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  email: "a@b.c",
  iat: nowSeconds - 60,
  exp: nowSeconds + 3600,
};

function rejects(token: string) {
  expect(() => verifier.verify(token)).toThrow(new DomainError("invalid_token"));
}

describe("createJwtVerifier", () => {
  it("accepts a token issued by this service", () => {
    const token = createJwtIssuer({ secret, validityDays: 30, now: () => now }).issue({
      id: claims.user_id,
      email: claims.email,
    });
    expect(verifier.verify(token)).toMatchObject({ user_id: claims.user_id, email: claims.email });
  });

  it("accepts a token built elsewhere (PyJWT style) with the shared secret", () => {
    expect(verifier.verify(handMadeToken(claims, { secret }))).toEqual(claims);
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
    ["no user_id", handMadeToken({ ...claims, user_id: undefined }, { secret })],
    ["no exp", handMadeToken({ ...claims, exp: undefined }, { secret })],
    ["no iat", handMadeToken({ ...claims, iat: undefined }, { secret })],
    ["a string exp", handMadeToken({ ...claims, exp: "never" }, { secret })],
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

  it("tolerates a few seconds of clock difference between services", () => {
    expect(verifier.verify(handMadeToken({ ...claims, iat: nowSeconds + 5 }, { secret })).iat).toBe(
      nowSeconds + 5,
    );
  });
});
