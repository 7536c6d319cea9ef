import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcrypt";

/** Hashes and checks passwords. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `hash`. With `hash` null (no such account) it spends the same
   * time on a decoy hash and answers false, so timing does not reveal which accounts exist.
   */
  verify(password: string, hash: string | null): Promise<boolean>;
}

/** bcrypt reads at most 72 bytes of its input and silently ignores the rest. */
const BCRYPT_MAX_INPUT_BYTES = 72;

/**
 * What bcrypt is given. Passwords that fit are hashed as they are, so the hashes stay plain,
 * interoperable bcrypt. Longer ones are reduced to a SHA-256 digest first, so every character
 * counts: two long passwords sharing a 72-byte prefix never match each other.
 */
function bcryptInput(password: string): string {
  if (Buffer.byteLength(password, "utf8") <= BCRYPT_MAX_INPUT_BYTES) return password;
  return `sha256:${createHash("sha256").update(password, "utf8").digest("base64")}`;
}

/**
 * bcrypt at the given cost. The work runs on libuv's thread pool, never on the event loop.
 */
export function createBcryptHasher(rounds: number): PasswordHasher {
  let decoy: Promise<string> | undefined;
  const decoyHash = () => {
    decoy ??= bcrypt.hash(randomBytes(32).toString("base64"), rounds);
    return decoy;
  };
  return {
    hash: (password) => bcrypt.hash(bcryptInput(password), rounds),
    async verify(password, hash) {
      const matches = await bcrypt.compare(bcryptInput(password), hash ?? (await decoyHash()));
      return hash !== null && matches;
    },
  };
}
