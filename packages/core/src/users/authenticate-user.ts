import type { TokenVerifier } from "../auth/token-verifier.js";
import { DomainError } from "../errors/domain-error.js";
import { issuedBeforeCutoff } from "../password-reset/session-cutoff.js";
import type { SessionUserLookup } from "./session-user-lookup.js";
import type { UserRecord } from "./user.js";

/** What resolving a token needs. */
export interface AuthenticateUserDeps {
  sessionUsers: SessionUserLookup;
  verifier: TokenVerifier;
}

/**
 * The user a token speaks for. Any unusable token, including one whose user no longer exists
 * and one issued before the user last reset their password through an emailed link, is
 * `invalid_token`. (The other OTAS services verify tokens on their own and do not see resets.)
 */
export async function authenticateUser(
  { token }: { token: string },
  { sessionUsers, verifier }: AuthenticateUserDeps,
): Promise<UserRecord> {
  const claims = verifier.verify(token);
  const found = await sessionUsers.find(claims.user_id);
  if (found === null) throw new DomainError("invalid_token", undefined, "user no longer exists");
  if (found.notBefore !== null && issuedBeforeCutoff(claims.iat, found.notBefore)) {
    throw new DomainError("invalid_token", undefined, "issued before a password reset");
  }
  return found.user;
}
