import { createHash } from "node:crypto";
import bcrypt from "bcrypt";
import type { DjangoBcryptSha256Scheme } from "./django-hash-formats.js";

/**
 * Whether `password` matches a Django bcrypt_sha256 hash: bcrypt of the hex SHA-256 of the UTF-8
 * password (64 ASCII characters, so nothing is cut at bcrypt's 72 bytes), as Django's
 * BCryptSHA256PasswordHasher computes it. Not passlib's `bcrypt_sha256`, this service's own
 * scheme, which keys an HMAC with the salt instead.
 */
export function verifyDjangoBcryptSha256(
  password: string,
  scheme: DjangoBcryptSha256Scheme,
): Promise<boolean> {
  const digest = createHash("sha256").update(password, "utf8").digest("hex");
  return bcrypt.compare(digest, scheme.bcrypt);
}
