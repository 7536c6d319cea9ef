/**
 * The stored forms of Django's other default password hashers (PBKDF2 lives in
 * password-scheme.ts), parsed strictly: a hash that does not decode exactly, or whose cost
 * parameters are beyond what this service is willing to spend on one login, is no scheme.
 * @see https://docs.djangoproject.com/en/5.2/topics/auth/passwords/
 */

/** Django's `scrypt$<N>$<salt>$<r>$<p>$<base64 of 64 bytes>` (Django 4.0+). */
export interface DjangoScryptScheme {
  kind: "django-scrypt";
  /** The work factor N (a power of two), block size r and parallelism p. */
  n: number;
  r: number;
  p: number;
  /** The salt as written; Django feeds it to scrypt as UTF-8. */
  salt: string;
  hash: Buffer;
}

/** Django's `argon2$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`: argon2-cffi's PHC string. */
export interface DjangoArgon2Scheme {
  kind: "django-argon2";
  variant: "argon2id" | "argon2i" | "argon2d";
  /** 0x13 (19); 0x10 (16) when written without `v=`, as before argon2 1.3. */
  version: 16 | 19;
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** The PHC string without Django's `argon2` prefix, as argon2 libraries read it. */
  phc: string;
}

/** Django's `bcrypt_sha256$$2b$12$…`: bcrypt of the hex SHA-256 of the password. */
export interface DjangoBcryptSha256Scheme {
  kind: "django-bcrypt-sha256";
  rounds: number;
  /** The bcrypt hash itself (`$2b$12$…`, 60 characters). */
  bcrypt: string;
}

/** A stored value in one of these forms whose parameters this service will not spend. */
export interface OutOfBounds {
  kind: "out-of-bounds";
  algorithm: "scrypt" | "argon2";
}

const SCRYPT = /^scrypt\$(\d{1,10})\$([^$]+)\$(\d{1,10})\$(\d{1,10})\$([A-Za-z0-9+/]+={0,2})$/;
const ARGON2 =
  /^argon2\$(argon2id|argon2i|argon2d)\$(?:v=(16|19)\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const BCRYPT_SHA256 = /^bcrypt_sha256\$(\$2[ab]\$(\d\d)\$[./A-Za-z0-9]{53})$/;

/**
 * The most memory one check may take: scrypt's 128·N·r bytes, argon2's m KiB. Django's defaults
 * take 16 MiB (scrypt, which Python's default `maxmem` caps at 32 MiB) and 100 MiB (argon2).
 */
export const SCRYPT_MAX_MEMORY_BYTES = 64 * 1024 * 1024;
const ARGON2_MAX_MEMORY_KIB = 1024 * 1024;
/** Time bounds well above Django's defaults (scrypt p=5; argon2 t=2, p=8). */
const MAX_PARALLELISM = 64;
const ARGON2_MAX_ITERATIONS = 64;

/** A Django scrypt hash, or undefined when `stored` is none. */
export function parseDjangoScrypt(stored: string): DjangoScryptScheme | OutOfBounds | undefined {
  const match = SCRYPT.exec(stored);
  if (match === null) return undefined;
  const [, nText, salt, rText, pText, encoded] = match as unknown as string[];
  const [n, r, p] = [Number(nText), Number(rText), Number(pText)];
  const hash = canonicalBase64(encoded ?? "");
  if (hash?.length !== 64 || salt === undefined || n < 2 || (n & (n - 1)) !== 0 || r < 1 || p < 1) {
    return undefined;
  }
  if (128 * n * r > SCRYPT_MAX_MEMORY_BYTES || p > MAX_PARALLELISM) {
    return { kind: "out-of-bounds", algorithm: "scrypt" };
  }
  return { kind: "django-scrypt", n, r, p, salt, hash };
}

/** A Django argon2 hash, or undefined when `stored` is none. */
export function parseDjangoArgon2(stored: string): DjangoArgon2Scheme | OutOfBounds | undefined {
  const match = ARGON2.exec(stored);
  if (match === null) return undefined;
  const [, variant, version, m, t, p, salt, hash] = match as unknown as string[];
  const [memoryKib, iterations, parallelism] = [Number(m), Number(t), Number(p)];
  // argon2's own minimums: 8 KiB per lane, one pass, 8-byte salt, 4-byte hash.
  if (
    parallelism < 1 ||
    iterations < 1 ||
    memoryKib < 8 * parallelism ||
    (salt?.length ?? 0) < 11 ||
    (hash?.length ?? 0) < 6
  ) {
    return undefined;
  }
  if (
    memoryKib > ARGON2_MAX_MEMORY_KIB ||
    iterations > ARGON2_MAX_ITERATIONS ||
    parallelism > MAX_PARALLELISM
  ) {
    return { kind: "out-of-bounds", algorithm: "argon2" };
  }
  return {
    kind: "django-argon2",
    variant: variant as DjangoArgon2Scheme["variant"],
    version: version === "19" ? 19 : 16,
    memoryKib,
    iterations,
    parallelism,
    phc: stored.slice("argon2".length),
  };
}

/** A Django bcrypt_sha256 hash, or undefined when `stored` is none. */
export function parseDjangoBcryptSha256(stored: string): DjangoBcryptSha256Scheme | undefined {
  const match = BCRYPT_SHA256.exec(stored);
  if (match === null) return undefined;
  const rounds = Number(match[2]);
  if (rounds < 4 || rounds > 31) return undefined;
  return { kind: "django-bcrypt-sha256", rounds, bcrypt: match[1] ?? "" };
}

/** The bytes of base64 text written exactly as Python's `b64encode` writes them. */
function canonicalBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}
