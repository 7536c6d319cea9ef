import { createHash } from "node:crypto";
import bcrypt from "bcrypt";

/** bcrypt reads at most 72 bytes of its input and silently ignores the rest. */
const BCRYPT_MAX_INPUT_BYTES = 72;

/** The exact shape of the first hasher's pre-hash of a long password. */
const UNSALTED_PREHASH = /^sha256:[A-Za-z0-9+/]{43}=$/;

/**
 * Whether `password` matches a plain bcrypt hash made by this service's first hasher, which gave
 * bcrypt passwords up to 72 bytes as they are and longer ones as `sha256:<base64 SHA-256>`.
 *
 * That pre-hash was not domain-separated: the literal string `sha256:<digest>` of a long password
 * produced the same bcrypt input as the password itself. A submitted password of that exact
 * shape is therefore never checked against such a hash (issue 11); every other password keeps
 * working until login upgrades the hash.
 * @returns false when the submitted string has the pre-hash's shape (after the same bcrypt work).
 */
export async function verifyLegacyBcrypt(password: string, hash: string): Promise<boolean> {
  if (Buffer.byteLength(password, "utf8") > BCRYPT_MAX_INPUT_BYTES) {
    const prehash = createHash("sha256").update(password, "utf8").digest("base64");
    return bcrypt.compare(`sha256:${prehash}`, hash);
  }
  const matches = await bcrypt.compare(password, hash);
  return matches && !UNSALTED_PREHASH.test(password);
}
