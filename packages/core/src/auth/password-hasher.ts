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

/**
 * Watches the hashing work, e.g. for metrics; core itself records nothing. bcrypt runs on
 * libuv's few threads, so calls beyond them wait: `started` and `finished` bracket each call,
 * and the calls started but not finished are the queue (waiting or running).
 */
export interface HashingObserver {
  started(): void;
  /** `seconds` from the call to its result, waiting for a thread included; also on failure. */
  finished(operation: "hash" | "verify", seconds: number): void;
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

/** Runs `work`, telling `observer` (when given) when it starts and how long it took. */
async function observed<T>(
  observer: HashingObserver | undefined,
  operation: "hash" | "verify",
  work: () => Promise<T>,
): Promise<T> {
  if (observer === undefined) return work();
  observer.started();
  const started = performance.now();
  try {
    return await work();
  } finally {
    observer.finished(operation, (performance.now() - started) / 1000);
  }
}

/**
 * bcrypt at the given cost. The work runs on libuv's thread pool, never on the event loop.
 */
export function createBcryptHasher(rounds: number, observer?: HashingObserver): PasswordHasher {
  let decoy: Promise<string> | undefined;
  const decoyHash = () => {
    decoy ??= bcrypt.hash(randomBytes(32).toString("base64"), rounds);
    return decoy;
  };
  return {
    hash: (password) =>
      observed(observer, "hash", () => bcrypt.hash(bcryptInput(password), rounds)),
    verify: (password, hash) =>
      observed(observer, "verify", async () => {
        const matches = await bcrypt.compare(bcryptInput(password), hash ?? (await decoyHash()));
        return hash !== null && matches;
      }),
  };
}
