import { createHmac } from "node:crypto";

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An HS256 token for `userId` that expired an hour ago, signed with the server's secret. */
export function expiredToken(userId: string, email: string, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({
    user_id: userId,
    email,
    iat: now - 7200,
    exp: now - 3600,
  })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}
