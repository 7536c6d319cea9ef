import {
  type DjangoArgon2Scheme,
  type DjangoBcryptSha256Scheme,
  type DjangoScryptScheme,
  parseDjangoArgon2,
  parseDjangoBcryptSha256,
  parseDjangoScrypt,
} from "./django-hash-formats.js";

/**
 * What a stored password hash is. Login, the decision to upgrade a hash and `otas-users db
 * status` all classify through {@link classifyPasswordHash}, so they never disagree.
 */
export type PasswordScheme =
  | BcryptSha256Scheme
  | { kind: "bcrypt"; ident: "2a" | "2b" | "2y"; rounds: number }
  | DjangoPbkdf2Scheme
  | DjangoScryptScheme
  | DjangoArgon2Scheme
  | DjangoBcryptSha256Scheme
  | { kind: "unusable" }
  | { kind: "unknown"; problem: UnknownHashProblem };

/** This service's current scheme: passlib's `bcrypt_sha256` version 2. */
export interface BcryptSha256Scheme {
  kind: "bcrypt-sha256";
  ident: "2a" | "2b";
  rounds: number;
  /** 22 characters of bcrypt's base64: the bcrypt salt, and the HMAC key as written. */
  salt: string;
  /** 31 characters of bcrypt's base64. */
  digest: string;
}

/** A Django `pbkdf2_sha256$…` or `pbkdf2_sha1$…` hash. */
export interface DjangoPbkdf2Scheme {
  kind: "django-pbkdf2";
  digest: "sha256" | "sha1";
  iterations: number;
  /** The salt as written; Django feeds it to PBKDF2 as UTF-8. */
  salt: string;
  /** The decoded derived key: 32 bytes (sha256) or 20 (sha1). */
  hash: Buffer;
}

/**
 * Why a stored value verifies nothing: the original stored passwords starting with `pbkdf2_`
 * as typed (`plain_text`); another algorithm (`other_algorithm`, e.g. Django's `md5$…`); a
 * scrypt or argon2 hash whose memory or time parameters are beyond this service's bounds
 * (`out_of_bounds`); anything else (`malformed`).
 */
export type UnknownHashProblem =
  | { type: "plain_text" }
  | { type: "other_algorithm"; algorithm: string }
  | { type: "out_of_bounds"; algorithm: "scrypt" | "argon2" }
  | { type: "malformed" };

const BCRYPT_SHA256 =
  /^\$bcrypt-sha256\$v=2,t=(2[ab]),r=([1-9]\d?)\$([./A-Za-z0-9]{22})\$([./A-Za-z0-9]{31})$/;
const BCRYPT = /^\$(2[aby])\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const DJANGO_PBKDF2 = /^pbkdf2_(sha256|sha1)\$(\d{1,10})\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const DJANGO_ALGORITHM = /^([a-z][a-z0-9_]*)\$/;
/** Django algorithms verified here: a value naming one that did not parse is malformed. */
const VERIFIED_DJANGO_ALGORITHMS = new Set(["scrypt", "argon2", "bcrypt_sha256"]);

/** Node's `crypto.pbkdf2` takes at most a signed 32-bit iteration count. */
const MAX_PBKDF2_ITERATIONS = 2 ** 31 - 1;
const DERIVED_KEY_BYTES = { sha256: 32, sha1: 20 } as const;
const BCRYPT_MIN_ROUNDS = 4;
const BCRYPT_MAX_ROUNDS = 31;

/**
 * Classifies a stored password hash. Strict: a Django hash must decode to a digest of its
 * algorithm's exact length, so the original's plain-text `pbkdf2_…` rows are never mistaken for
 * hashes.
 * @see https://passlib.readthedocs.io/en/stable/lib/passlib.hash.bcrypt_sha256.html
 * @see docs/legacy-rest-contract.md ("An existing OTAS database")
 */
export function classifyPasswordHash(stored: string): PasswordScheme {
  const sha256 = BCRYPT_SHA256.exec(stored);
  if (sha256 !== null) {
    const [, ident, rounds, salt, digest] = sha256 as unknown as [
      string,
      "2a" | "2b",
      string,
      string,
      string,
    ];
    return bcryptRounds(Number(rounds), (r) => ({
      kind: "bcrypt-sha256",
      ident,
      rounds: r,
      salt,
      digest,
    }));
  }
  const bcrypt = BCRYPT.exec(stored);
  if (bcrypt !== null) {
    const ident = bcrypt[1] as "2a" | "2b" | "2y";
    return bcryptRounds(Number(bcrypt[2]), (rounds) => ({ kind: "bcrypt", ident, rounds }));
  }
  if (stored.startsWith("!")) return { kind: "unusable" };
  if (stored.startsWith("pbkdf2_")) return djangoPbkdf2(stored);
  const django =
    parseDjangoScrypt(stored) ?? parseDjangoArgon2(stored) ?? parseDjangoBcryptSha256(stored);
  if (django?.kind === "out-of-bounds") {
    return { kind: "unknown", problem: { type: "out_of_bounds", algorithm: django.algorithm } };
  }
  if (django !== undefined) return django;
  const algorithm = DJANGO_ALGORITHM.exec(stored)?.[1];
  if (algorithm !== undefined && VERIFIED_DJANGO_ALGORITHMS.has(algorithm)) {
    return { kind: "unknown", problem: { type: "malformed" } };
  }
  if (algorithm !== undefined) {
    return { kind: "unknown", problem: { type: "other_algorithm", algorithm } };
  }
  return { kind: "unknown", problem: { type: "malformed" } };
}

function bcryptRounds(rounds: number, scheme: (rounds: number) => PasswordScheme): PasswordScheme {
  return rounds >= BCRYPT_MIN_ROUNDS && rounds <= BCRYPT_MAX_ROUNDS
    ? scheme(rounds)
    : { kind: "unknown", problem: { type: "malformed" } };
}

function djangoPbkdf2(stored: string): PasswordScheme {
  const plainText: PasswordScheme = { kind: "unknown", problem: { type: "plain_text" } };
  const match = DJANGO_PBKDF2.exec(stored);
  if (match === null) return plainText;
  const [, digest, iterationText, salt, encoded] = match as unknown as [
    string,
    "sha256" | "sha1",
    string,
    string,
    string,
  ];
  const iterations = Number(iterationText);
  const hash = Buffer.from(encoded, "base64");
  const canonical = hash.toString("base64") === encoded;
  if (
    !canonical ||
    hash.length !== DERIVED_KEY_BYTES[digest] ||
    iterations < 1 ||
    iterations > MAX_PBKDF2_ITERATIONS
  ) {
    return plainText;
  }
  return { kind: "django-pbkdf2", digest, iterations, salt, hash };
}

/** The families `otas-users db status` counts users by. */
export type PasswordFamily =
  | "bcrypt"
  | "django_pbkdf2"
  | "django_scrypt"
  | "django_argon2"
  | "django_bcrypt_sha256"
  | "unusable"
  | "unknown";

/** Every family, in the order `db status` lists them. */
export const PASSWORD_FAMILIES: readonly PasswordFamily[] = [
  "bcrypt",
  "django_pbkdf2",
  "django_scrypt",
  "django_argon2",
  "django_bcrypt_sha256",
  "unusable",
  "unknown",
];

/**
 * The family of a scheme: both bcrypt forms (plain, and passlib's bcrypt_sha256) are this
 * service's own; Django's bcrypt_sha256 is Django's.
 */
export function passwordFamily(scheme: PasswordScheme): PasswordFamily {
  switch (scheme.kind) {
    case "bcrypt-sha256":
    case "bcrypt":
      return "bcrypt";
    case "django-pbkdf2":
      return "django_pbkdf2";
    case "django-scrypt":
      return "django_scrypt";
    case "django-argon2":
      return "django_argon2";
    case "django-bcrypt-sha256":
      return "django_bcrypt_sha256";
    default:
      return scheme.kind;
  }
}

/** Whether a scheme is one of the original's (Django's), which a login upgrades. */
export function isDjangoFamily(family: PasswordFamily): boolean {
  return family.startsWith("django_");
}

/** Why a stored value cannot log in, for the operator's log (never the value itself). */
export function unusableReason(scheme: PasswordScheme): string | undefined {
  if (scheme.kind === "unusable") return "the password is marked unusable (Django's leading !)";
  if (scheme.kind !== "unknown") return undefined;
  const { problem } = scheme;
  if (problem.type === "plain_text") {
    return "the stored password starts with pbkdf2_ but is no Django hash: the original stored it as typed";
  }
  if (problem.type === "other_algorithm") {
    return `the password is hashed with ${problem.algorithm}, which this service does not verify`;
  }
  if (problem.type === "out_of_bounds") {
    return `the password is hashed with ${problem.algorithm} at a cost beyond what this service spends on a login`;
  }
  return "the stored password is in no known hash format";
}

/** A scheme in a few words, for administrators (`otas-users list/show/db status`). */
export function describeScheme(scheme: PasswordScheme): string {
  switch (scheme.kind) {
    case "bcrypt-sha256":
      return `bcrypt_sha256, cost ${scheme.rounds}`;
    case "bcrypt":
      return `bcrypt (first hasher), cost ${scheme.rounds}`;
    case "django-pbkdf2":
      return `Django pbkdf2_${scheme.digest}, ${scheme.iterations} iterations`;
    case "django-scrypt":
      return `Django scrypt, N=${scheme.n} r=${scheme.r} p=${scheme.p}`;
    case "django-argon2":
      return `Django ${scheme.variant} v=${scheme.version}, m=${scheme.memoryKib} t=${scheme.iterations} p=${scheme.parallelism}`;
    case "django-bcrypt-sha256":
      return `Django bcrypt_sha256, cost ${scheme.rounds}`;
    case "unusable":
      return "unusable (Django !)";
    default:
      if (scheme.problem.type === "plain_text") return "unknown: plain text stored by the original";
      if (scheme.problem.type === "other_algorithm") return `unknown: ${scheme.problem.algorithm}`;
      if (scheme.problem.type === "out_of_bounds") {
        return `unknown: ${scheme.problem.algorithm} beyond this service's cost bounds`;
      }
      return "unknown: malformed";
  }
}
