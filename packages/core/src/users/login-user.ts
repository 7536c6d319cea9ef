import type { PasswordHasher } from "../auth/password-hasher.js";
import type { TokenIssuer } from "../auth/token-issuer.js";
import { DomainError } from "../errors/domain-error.js";
import type { LoginUserInput, LoginUserOutput } from "./login-user.schema.js";
import { toUserDto } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What logging in needs. */
export interface LoginUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
}

/**
 * Checks the credentials and issues a token. An unknown email costs the same password check
 * as a wrong password, and every failure is the one answer `login_failed`; why (no such user,
 * wrong password, an unusable or unknown stored hash) is its `logReason`, for the log only.
 */
export async function loginUser(
  { email, password }: LoginUserInput,
  { users, hasher, tokens }: LoginUserDeps,
): Promise<LoginUserOutput> {
  const credentials = await users.findCredentialsByEmail(email);
  const verdict = await hasher.verify(password, credentials?.passwordHash ?? null);
  if (!verdict.matches || credentials === null) {
    const reason = verdict.matches ? "no user has this email" : verdict.reason;
    throw new DomainError("login_failed", undefined, reason);
  }
  return { user: toUserDto(credentials.user), jwt_token: tokens.issue(credentials.user) };
}
