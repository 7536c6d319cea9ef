import type { TokenVerifier } from "../auth/token-verifier.js";
import { DomainError } from "../errors/domain-error.js";
import type { CallerSession } from "../sessions/caller-session.js";
import { tokenSessionKey } from "../sessions/session-id.js";
import { tokenRefusal } from "../sessions/token-refusal.js";
import type { SessionUserLookup } from "./session-user-lookup.js";
import type { UserRecord } from "./user.js";

/** What resolving a token needs. */
export interface AuthenticateUserDeps {
  sessionUsers: SessionUserLookup;
  verifier: TokenVerifier;
  now: () => Date;
}

/** A token's user and the session it speaks for. */
export interface AuthenticatedUser {
  user: UserRecord;
  session: CallerSession;
}

/**
 * The user a token speaks for, and its session, in one read of the database. Any unusable token
 * is `invalid_token`: one whose user no longer exists, whose session ended (signed out, ended
 * from another session, by a password change or reset) or, for a token without a session, that
 * was signed out or issued before its user's sessions were ended (see `tokenRefusal`). Nothing
 * is cached: a session ended by any process is refused by the next check. (The other OTAS
 * services verify tokens on their own and see none of this.)
 */
export async function authenticateUser(
  { token }: { token: string },
  { sessionUsers, verifier, now }: AuthenticateUserDeps,
): Promise<AuthenticatedUser> {
  const claims = verifier.verify(token);
  const key = tokenSessionKey(token, claims.sid);
  const found = await sessionUsers.find(claims.user_id, key);
  const refusal = tokenRefusal(claims, found, now());
  if (found === null || refusal !== null) {
    throw new DomainError("invalid_token", undefined, refusal ?? "user no longer exists");
  }
  return {
    user: found.user,
    session: {
      id: key.sessionId,
      tokenDigest: key.tokenDigest,
      issuedAt: new Date(claims.iat * 1000),
      expiresAt: new Date(claims.exp * 1000),
      lastUsedAt: found.session?.lastUsedAt ?? null,
    },
  };
}
