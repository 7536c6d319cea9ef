import type { PasswordHasher } from "../auth/password-hasher.js";
import { DomainError } from "../errors/domain-error.js";
import { advancedTime } from "../time/advanced-time.js";
import type { UpdatePasswordInput } from "./update-password.schema.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What changing a password needs. */
export interface UpdatePasswordDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  now: () => Date;
}

/**
 * Replaces the authenticated user's password with the same hashing as sign-up. Tokens issued
 * before stay valid until they expire, as the contract says clients rely on.
 */
export async function updatePassword(
  { password }: UpdatePasswordInput,
  { user }: { user: UserRecord },
  { users, hasher, now }: UpdatePasswordDeps,
): Promise<null> {
  const passwordHash = await hasher.hash(password);
  const updated = await users.updatePassword(
    user.id,
    passwordHash,
    advancedTime(now(), user.updatedAt),
  );
  if (!updated) throw new DomainError("invalid_token");
  return null;
}
