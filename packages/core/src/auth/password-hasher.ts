import { randomBytes } from "node:crypto";
import { hashBcryptSha256, verifyBcryptSha256 } from "./bcrypt-sha256.js";
import { verifyDjangoArgon2 } from "./django-argon2.js";
import { verifyDjangoBcryptSha256 } from "./django-bcrypt-sha256.js";
import { verifyDjangoPbkdf2 } from "./django-pbkdf2.js";
import { verifyDjangoScrypt } from "./django-scrypt.js";
import { verifyLegacyBcrypt } from "./legacy-bcrypt.js";
import { classifyPasswordHash, type PasswordScheme, unusableReason } from "./password-scheme.js";

/** The outcome of checking a password against a stored hash. */
export type PasswordVerdict =
  /** `outdated`: the hash is not this service's current scheme at the configured cost. */
  | { matches: true; outdated: boolean }
  /** `reason` is for the operator's log; it never holds the password or the hash. */
  | { matches: false; reason: string };

/** Hashes and checks passwords. */
export interface PasswordHasher {
  /** Hashes with the current scheme at the configured cost. */
  hash(password: string): Promise<string>;
  /**
   * Checks `password` against a stored hash of any scheme this service verifies. With `stored`
   * null (no such account), or a hash that cannot match (unusable, unknown), it spends the
   * same time on a decoy hash of the current scheme and answers no match, so timing does not
   * reveal which accounts exist.
   */
  verify(password: string, stored: string | null): Promise<PasswordVerdict>;
}

/**
 * Watches the hashing work, e.g. for metrics; core itself records nothing. The work runs on
 * libuv's few threads, so calls beyond them wait: `started` and `finished` bracket each call,
 * and the calls started but not finished are the queue (waiting or running).
 */
export interface HashingObserver {
  started(): void;
  /** `seconds` from the call to its result, waiting for a thread included; also on failure. */
  finished(operation: "hash" | "verify", seconds: number): void;
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
 * The password hasher: new hashes are passlib's `bcrypt_sha256` v2 at `rounds`; stored plain
 * bcrypt hashes of this service's first hasher and the original's Django hashes (its default
 * hashers: PBKDF2 with SHA-256 or SHA-1, scrypt, argon2, bcrypt_sha256) keep verifying, reported
 * `outdated` so login can replace them. All the work runs on libuv's thread
 * pool; `observer`, when given, is told about every hash and check.
 */
export function createPasswordHasher(rounds: number, observer?: HashingObserver): PasswordHasher {
  let decoy: Promise<PasswordScheme> | undefined;
  const decoyCheck = async (password: string, reason: string): Promise<PasswordVerdict> => {
    decoy ??= hashBcryptSha256(randomBytes(32).toString("base64"), rounds).then(
      classifyPasswordHash,
    );
    const scheme = await decoy;
    if (scheme.kind === "bcrypt-sha256") await verifyBcryptSha256(password, scheme);
    return { matches: false, reason };
  };

  const verify = async (password: string, stored: string | null): Promise<PasswordVerdict> => {
    if (stored === null) return decoyCheck(password, "no user has this email");
    const scheme = classifyPasswordHash(stored);
    const refused = unusableReason(scheme);
    if (refused !== undefined) return decoyCheck(password, refused);
    const matches = await check(password, stored, scheme);
    if (!matches) return { matches: false, reason: "wrong password" };
    return {
      matches: true,
      outdated: scheme.kind !== "bcrypt-sha256" || scheme.rounds !== rounds,
    };
  };
  return {
    hash: (password) => observed(observer, "hash", () => hashBcryptSha256(password, rounds)),
    verify: (password, stored) => observed(observer, "verify", () => verify(password, stored)),
  };
}

function check(password: string, stored: string, scheme: PasswordScheme): Promise<boolean> {
  switch (scheme.kind) {
    case "bcrypt-sha256":
      return verifyBcryptSha256(password, scheme);
    case "bcrypt":
      return verifyLegacyBcrypt(password, stored);
    case "django-pbkdf2":
      return verifyDjangoPbkdf2(password, scheme);
    case "django-scrypt":
      return verifyDjangoScrypt(password, scheme);
    case "django-argon2":
      return verifyDjangoArgon2(password, scheme);
    case "django-bcrypt-sha256":
      return verifyDjangoBcryptSha256(password, scheme);
    default:
      return Promise.resolve(false);
  }
}
