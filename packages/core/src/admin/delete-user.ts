import type { UserReference, UserRepository } from "../users/user-repository.js";
import { type AdminUser, normalizeEmail, toAdminUser } from "./admin-user.js";

/** What {@link deleteUser} did. */
export type DeleteUserResult =
  | { outcome: "deleted"; user: AdminUser }
  | { outcome: "not_found" }
  /** Another table (the original's projects, agents, ...) still points at the user. */
  | { outcome: "referenced"; user: AdminUser; references: UserReference[] };

/**
 * Deletes the user with this email unless rows of other tables still reference it: then
 * nothing is deleted (the original enforces its on-delete rules in Python only; in the database
 * they are plain foreign keys, which this never works around).
 */
export async function deleteUser(
  { email }: { email: string },
  { users }: { users: UserRepository },
): Promise<DeleteUserResult> {
  const found = await users.findCredentialsByEmail(normalizeEmail(email));
  if (found === null) return { outcome: "not_found" };
  const user = toAdminUser(found.user, found.passwordHash);
  const outcome = await users.delete(found.user.id);
  if (outcome === "not_found") return { outcome };
  if (outcome === "referenced") {
    return { outcome, user, references: await users.referencesTo(found.user.id) };
  }
  return { outcome, user };
}
