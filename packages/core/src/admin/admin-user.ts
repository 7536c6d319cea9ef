import {
  classifyPasswordHash,
  describeScheme,
  type PasswordFamily,
  passwordFamily,
} from "../auth/password-scheme.js";
import { pythonStrip } from "../text/python-text.js";
import { toUserDto, type UserDto, type UserRecord } from "../users/user.js";

/** A user as an administrator sees it: the contract's user object and how its password is kept. */
export interface AdminUser extends UserDto {
  password_scheme: PasswordFamily;
  /** E.g. "Django pbkdf2_sha256, 260000 iterations"; never the hash. */
  password_detail: string;
}

/** The administrator's view of a stored user; the hash itself does not leave. */
export function toAdminUser(user: UserRecord, passwordHash: string): AdminUser {
  const scheme = classifyPasswordHash(passwordHash);
  return {
    ...toUserDto(user),
    password_scheme: passwordFamily(scheme),
    password_detail: describeScheme(scheme),
  };
}

/** An email as login matches it: trimmed the Python way, lowercased. */
export function normalizeEmail(email: string): string {
  return pythonStrip(email).toLowerCase();
}
