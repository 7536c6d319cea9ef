import { createHmac } from "node:crypto";
import bcrypt from "bcrypt";
import type { BcryptSha256Scheme } from "./password-scheme.js";

/**
 * What bcrypt is given: the password's HMAC-SHA256 keyed with the salt as written, in base64
 * (44 bytes, no NUL), so every password byte counts and the salt separates every user's input.
 */
function bcryptKey(password: string, salt: string): string {
  return createHmac("sha256", Buffer.from(salt, "ascii")).update(password, "utf8").digest("base64");
}

/**
 * Hashes with passlib's `bcrypt_sha256` version 2:
 * `$bcrypt-sha256$v=2,t=2b,r=<cost>$<salt>$<digest>` (82 characters at most). bcrypt runs on
 * libuv's thread pool.
 * @see https://passlib.readthedocs.io/en/stable/lib/passlib.hash.bcrypt_sha256.html
 */
export async function hashBcryptSha256(password: string, rounds: number): Promise<string> {
  const config = await bcrypt.genSalt(rounds, "b"); // $2b$NN$<22 salt characters>
  const salt = config.slice(-22);
  const hashed = await bcrypt.hash(bcryptKey(password, salt), config);
  return `$bcrypt-sha256$v=2,t=2b,r=${rounds}$${salt}$${hashed.slice(-31)}`;
}

/** Whether `password` matches a `bcrypt_sha256` version 2 hash. */
export function verifyBcryptSha256(password: string, scheme: BcryptSha256Scheme): Promise<boolean> {
  const rounds = String(scheme.rounds).padStart(2, "0");
  const plain = `$${scheme.ident}$${rounds}$${scheme.salt}${scheme.digest}`;
  return bcrypt.compare(bcryptKey(password, scheme.salt), plain);
}
