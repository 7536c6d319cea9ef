import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createJwtIssuer } from "./token-issuer.js";

const secret = "s".repeat(32);
const now = new Date("2026-04-16T10:00:00.900Z");

function decodePart(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("createJwtIssuer", () => {
  const issuer = createJwtIssuer({ secret, validityDays: 30, now: () => now });
  const { token } = issuer.issue({ id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", email: "a@b.c" });
  const [header, payload, signature] = token.split(".");

  it("writes the documented header and claims", () => {
    expect(decodePart(header)).toEqual({ alg: "HS256", typ: "JWT" });
    const iat = Math.floor(now.getTime() / 1000);
    expect(decodePart(payload)).toEqual({
      user_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      email: "a@b.c",
      iat,
      exp: iat + 30 * 86_400,
    });
  });

  it("names the session in a sid claim, and answers the claims it signed", () => {
    const sid = "0f0e5d7c-5f43-4b57-9a0e-3c8f1f0e9b1a";
    const issued = issuer.issue(
      { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", email: "a@b.c" },
      sid,
    );
    const iat = Math.floor(now.getTime() / 1000);
    const claims = {
      user_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      email: "a@b.c",
      iat,
      exp: iat + 30 * 86_400,
      sid,
    };
    expect(decodePart(issued.token.split(".")[1])).toEqual(claims);
    expect(issued.claims).toEqual(claims);
  });

  it("signs with HMAC-SHA256 over the shared secret", () => {
    const expected = createHmac("sha256", secret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(signature).toBe(expected);
  });

  it("uses the configured validity", () => {
    const short = createJwtIssuer({ secret, validityDays: 1, now: () => now });
    const claims = decodePart(short.issue({ id: "x", email: "y" }).token.split(".")[1]) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(86_400);
  });
});
