import type { TokenVerifier } from "../auth/token-verifier.js";
import { DomainError } from "../errors/domain-error.js";
import { issuedBeforeCutoff } from "../password-reset/session-cutoff.js";
import type { SessionCutoffRepository } from "../password-reset/session-cutoff-repository.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What resolving a token needs. */
export interface AuthenticateUserDeps {
  users: UserRepository;
  sessions: SessionCutoffRepository;
  verifier: TokenVerifier;
}

/**
 * The user a token speaks for. Any unusable token, including one whose user no longer exists
 * and one issued before the user last reset their password through an emailed link, is
 * `invalid_token`. (The other OTAS services verify tokens on their own and do not see resets.)
 */
export async function authenticateUser(
  { token }: { token: string },
  { users, sessions, verifier }: AuthenticateUserDeps,
): Promise<UserRecord> {
  const claims = verifier.verify(token);
  const [user, notBefore] = await Promise.all([
    users.findById(claims.user_id),
    sessions.notBefore(claims.user_id),
  ]);
  if (user === null) throw new DomainError("invalid_token", undefined, "user no longer exists");
  if (notBefore !== null && issuedBeforeCutoff(claims.iat, notBefore)) {
    throw new DomainError("invalid_token", undefined, "issued before a password reset");
  }
  return user;
}
