import { createHmac } from "node:crypto";

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * Builds a JWT by hand with node:crypto, as another OTAS service (PyJWT) would, so tests can
 * craft any header, claims and algorithm without going through the code under test.
 */
export function handMadeToken(
  claims: Record<string, unknown>,
  options: {
    secret: string;
    header?: Record<string, unknown>;
    hmac?: "sha256" | "sha512" | "none";
  },
): string {
  const hmac = options.hmac ?? "sha256";
  const header = options.header ?? {
    alg: hmac === "none" ? "none" : `HS${hmac.slice(3)}`,
    typ: "JWT",
  };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  if (hmac === "none") return `${signingInput}.`;
  return `${signingInput}.${createHmac(hmac, options.secret).update(signingInput).digest("base64url")}`;
}
