import type { SessionCutoffRepository } from "../password-reset/session-cutoff-repository.js";
import type { SessionRecord } from "../sessions/session.js";
import type { TokenSessionKey } from "../sessions/session-id.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What a token check reads of the token's stored session. */
export type StoredSessionState = Pick<SessionRecord, "expiresAt" | "lastUsedAt">;

/**
 * A token's user, with everything that decides whether the token still works: the token's stored
 * session (null: none, or ended) and, for a token without a session claim, the moment before
 * which their tokens without one were ended (null: never) and whether it was signed out. (For a
 * token with a session claim, which depends on its session alone, those two are not read: null
 * and false.)
 */
export interface SessionUser {
  user: UserRecord;
  notBefore: Date | null;
  session: StoredSessionState | null;
  revoked: boolean;
}

/**
 * What checking a token reads, on every authenticated request: the user, their cut-off, the
 * token's session and its sign-out together (in SQL one query, see `createSqlSessionUserLookup`).
 */
export interface SessionUserLookup {
  find(userId: string, key: TokenSessionKey): Promise<SessionUser | null>;
}

/** The in-memory session store's reads a composed lookup needs. */
export interface SessionReads {
  stored(userId: string, sessionId: string): Promise<StoredSessionState | null>;
  isRevoked(tokenDigest: string): Promise<boolean>;
}

/** The lookup as separate reads of the repositories (for the in-memory ones of unit tests). */
export function composeSessionUserLookup(
  users: Pick<UserRepository, "findById">,
  cutoffs: Pick<SessionCutoffRepository, "notBefore">,
  sessions: SessionReads,
): SessionUserLookup {
  return {
    async find(userId, { sessionId, tokenDigest }) {
      const sessionless = tokenDigest !== null;
      const [user, notBefore, session, revoked] = await Promise.all([
        users.findById(userId),
        sessionless ? cutoffs.notBefore(userId) : null,
        sessions.stored(userId, sessionId),
        sessionless ? sessions.isRevoked(tokenDigest) : false,
      ]);
      return user === null ? null : { user, notBefore, session, revoked };
    },
  };
}
