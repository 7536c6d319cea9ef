import type { SessionRecord } from "./session.js";

/** A token without a session, signed out: refused until it expires. */
export interface TokenRevocation {
  /** SHA-256 of the token, hex. */
  tokenDigest: string;
  userId: string;
  expiresAt: Date;
}

/** A page of a user's sessions and how many there are in all. */
export interface SessionPage {
  sessions: SessionRecord[];
  total: number;
}

/** What one sweep pass deleted. */
export interface SweptRows {
  sessions: number;
  revocations: number;
}

/**
 * Persistence of sessions (`user_sessions`) and of signed-out tokens without one
 * (`revoked_tokens`). A session exists while it lasts: ending one deletes it, so no state of
 * "ended" can be missed by a reader. Checking a token reads them joined to the user instead
 * (`createSqlSessionUserLookup`).
 */
export interface SessionRepository {
  /**
   * Stores a new session only while its user's password hash is still `passwordHash`, checked
   * and written as one step (on PostgreSQL the user's row is share-locked, so a concurrent
   * password change waits for it or is seen by it): a sign-in whose password changed after it
   * was checked gets no session. False then, and when the user is gone.
   */
  startWhilePassword(session: SessionRecord, passwordHash: string): Promise<boolean>;
  /** Stores a session unless one with its id exists. */
  keep(session: SessionRecord): Promise<void>;
  /**
   * The user's unexpired sessions, `firstId` first (when it is one of them), then the most
   * recently used; at most `limit` of them.
   */
  listLive(userId: string, now: Date, limit: number, firstId: string): Promise<SessionPage>;
  /** Ends the user's session `sessionId`; false when the user has no such session. */
  end(userId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the user, but `keepId` when given; resolves with how many ended. */
  endAll(userId: string, keepId?: string): Promise<number>;
  /** Records that a token without a session was signed out (kept until it expires). */
  revokeToken(revocation: TokenRevocation): Promise<void>;
  /** Sets `lastUsedAt` to `at` on those of `ids` not marked since `staleBefore`. */
  markUsed(ids: readonly string[], at: Date, staleBefore: Date): Promise<void>;
  /** Deletes at most `limit` sessions and `limit` revocations that expired before `now`. */
  deleteExpired(now: Date, limit: number): Promise<SweptRows>;
  /** How many unexpired sessions there are, of every user. */
  countLive(now: Date): Promise<number>;
}
