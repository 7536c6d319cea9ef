import type { UserTokenClaims } from "../auth/token-issuer.js";
import { issuedBeforeCutoff } from "../password-reset/session-cutoff.js";
import type { SessionUser } from "../users/session-user-lookup.js";

/**
 * Why a verified token no longer works, or null when it does. A token with a session (`sid`)
 * works while that session is stored and unexpired, whatever the cut-off. A token without one
 * (the original service's, or this service's from before sessions) works unless it was signed
 * out or was issued before its user's cut-off, or, when it was given a session (see
 * `endSessions`), while that session lasts.
 */
export function tokenRefusal(
  claims: Pick<UserTokenClaims, "iat" | "sid">,
  found: SessionUser | null,
  now: Date,
): string | null {
  if (found === null) return "user no longer exists";
  const { session, notBefore, revoked } = found;
  if (session !== null && session.expiresAt <= now) return "session expired";
  if (claims.sid !== undefined) return session === null ? "session ended" : null;
  if (revoked) return "signed out";
  if (session !== null) return null;
  if (notBefore !== null && issuedBeforeCutoff(claims.iat, notBefore)) {
    return "issued before the user's sessions were ended";
  }
  return null;
}
