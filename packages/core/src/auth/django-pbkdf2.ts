import { pbkdf2, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { DjangoPbkdf2Scheme } from "./password-scheme.js";

const pbkdf2Async = promisify(pbkdf2);

/**
 * Whether `password` matches a Django PBKDF2 hash: PBKDF2-HMAC of the UTF-8 password with the
 * salt as written, at the hash's own iteration count, compared in constant time. Runs on libuv's
 * thread pool (node's async `crypto.pbkdf2`), never on the event loop.
 * @see https://docs.djangoproject.com/en/5.0/topics/auth/passwords/
 */
export async function verifyDjangoPbkdf2(
  password: string,
  scheme: DjangoPbkdf2Scheme,
): Promise<boolean> {
  const derived = await pbkdf2Async(
    Buffer.from(password, "utf8"),
    Buffer.from(scheme.salt, "utf8"),
    scheme.iterations,
    scheme.hash.length,
    scheme.digest,
  );
  return timingSafeEqual(derived, scheme.hash);
}
