import { scrypt, timingSafeEqual } from "node:crypto";
import { type DjangoScryptScheme, SCRYPT_MAX_MEMORY_BYTES } from "./django-hash-formats.js";

/**
 * Whether `password` matches a Django scrypt hash: scrypt of the UTF-8 password with the salt as
 * written (N, r, p of the hash, 64 bytes), as Django's ScryptPasswordHasher computes it with
 * Python's hashlib, compared in constant time. node:crypto runs it on libuv's thread pool.
 */
export function verifyDjangoScrypt(password: string, scheme: DjangoScryptScheme): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(password, "utf8"),
      Buffer.from(scheme.salt, "utf8"),
      scheme.hash.length,
      // The parse bounded 128·N·r; the rest is p blocks of 128·r bytes.
      { N: scheme.n, r: scheme.r, p: scheme.p, maxmem: 2 * SCRYPT_MAX_MEMORY_BYTES },
      (error, derived) => {
        if (error) reject(error);
        else resolve(timingSafeEqual(derived, scheme.hash));
      },
    );
  });
}
