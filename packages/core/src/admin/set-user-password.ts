import { type UpdatePasswordDeps, updatePassword } from "../users/update-password.js";
import { updatePasswordInput } from "../users/update-password.schema.js";
import { toUserDto, type UserDto } from "../users/user.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { normalizeEmail } from "./admin-user.js";

/**
 * Sets a user's password as an administrator, without Django's admin (whose form would hash
 * a bcrypt hash once more): the same rules and hashing as the password update endpoint. Every
 * session of the user ends, as after a password change that no session of theirs asked for.
 * @returns the user as updated, or null when no user has this email.
 * @throws DomainError `missing_password` or `password_too_short`, as the endpoint answers.
 */
export async function setUserPassword(
  { email, password }: { email: string; password: string },
  deps: UpdatePasswordDeps,
): Promise<UserDto | null> {
  const input = parseInput(updatePasswordInput, { password });
  const found = await deps.users.findCredentialsByEmail(normalizeEmail(email));
  if (found === null) return null;
  await updatePassword(input, { user: found.user }, deps);
  const updated = await deps.users.findById(found.user.id);
  return updated === null ? null : toUserDto(updated);
}
