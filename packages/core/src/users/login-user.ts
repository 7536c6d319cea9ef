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
 * as a wrong password, and both are the one answer `login_failed`.
 */
export async function loginUser(
  { email, password }: LoginUserInput,
  { users, hasher, tokens }: LoginUserDeps,
): Promise<LoginUserOutput> {
  const credentials = await users.findCredentialsByEmail(email);
  const matches = await hasher.verify(password, credentials?.passwordHash ?? null);
  if (credentials === null || !matches) throw new DomainError("login_failed");
  return { user: toUserDto(credentials.user), jwt_token: tokens.issue(credentials.user) };
}
