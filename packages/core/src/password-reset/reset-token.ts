import { createHash, randomBytes } from "node:crypto";

/** Random bytes in a reset token: 256 bits, beyond guessing, so a fast digest is enough. */
const RESET_TOKEN_BYTES = 32;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
}

/** A new reset token: 32 random bytes, base64url (43 characters, safe in a URL as is). */
export function newResetToken(): string {
  return randomBytes(RESET_TOKEN_BYTES).toString("base64url");
}

/**
 * What is stored instead of the token (SHA-256, base64url): a copy of the table does not let
 * anyone reset a password.
 */
export function resetTokenDigest(token: string): string {
  return sha256(token);
}

/**
 * A fingerprint of a password hash, stored with a reset token: when the password changes, by
 * any route (the API, a script, another service writing `users`), the fingerprint no longer
 * matches and the token is void.
 */
export function passwordFingerprint(passwordHash: string): string {
  return sha256(passwordHash);
}
