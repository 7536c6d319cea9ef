import type { TokenVerifier } from "../auth/token-verifier.js";
import { DomainError } from "../errors/domain-error.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What resolving a token needs. */
export interface AuthenticateUserDeps {
  users: UserRepository;
  verifier: TokenVerifier;
}

/**
 * The user a token speaks for. Any unusable token, including one whose user no longer exists,
 * is `invalid_token`.
 */
export async function authenticateUser(
  { token }: { token: string },
  { users, verifier }: AuthenticateUserDeps,
): Promise<UserRecord> {
  const claims = verifier.verify(token);
  const user = await users.findById(claims.user_id);
  if (user === null) throw new DomainError("invalid_token", undefined, "user no longer exists");
  return user;
}
