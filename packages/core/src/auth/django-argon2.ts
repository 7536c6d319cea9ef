import type { DjangoArgon2Scheme } from "./django-hash-formats.js";

/**
 * Whether `password` matches a Django argon2 hash. Django stores argon2-cffi's PHC string behind
 * its `argon2` prefix; node-argon2 binds the same reference implementation and reads that
 * string the same way (argon2i/d/id; a string without `v=` is version 0x10), on libuv's thread
 * pool. Its native binding loads on the first such hash: most databases have none.
 */
export async function verifyDjangoArgon2(
  password: string,
  scheme: DjangoArgon2Scheme,
): Promise<boolean> {
  const { default: argon2 } = await import("argon2");
  return argon2.verify(scheme.phc, Buffer.from(password, "utf8"));
}
