import type { UserReference, UserRepository } from "../users/user-repository.js";
import { type AdminUser, normalizeEmail, toAdminUser } from "./admin-user.js";

/** A user and the rows of other tables that point at it. */
export interface UserDetails {
  user: AdminUser;
  references: UserReference[];
}

/** The user with this email (matched as login matches it), or null. */
export async function findUser(
  { email }: { email: string },
  { users }: { users: UserRepository },
): Promise<UserDetails | null> {
  const found = await users.findCredentialsByEmail(normalizeEmail(email));
  if (found === null) return null;
  return {
    user: toAdminUser(found.user, found.passwordHash),
    references: await users.referencesTo(found.user.id),
  };
}
