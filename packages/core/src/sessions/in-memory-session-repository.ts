import type { SessionReads } from "../users/session-user-lookup.js";
import type { SessionRecord } from "./session.js";
import type { SessionRepository, TokenRevocation } from "./session-repository.js";

/**
 * A {@link SessionRepository} in Maps, for unit tests, with the reads a composed token lookup
 * needs. `passwordOf` answers a user's current password hash (null: no such user), which a new
 * session is checked against as the database does.
 */
export function createInMemorySessionRepository(
  passwordOf: (userId: string) => Promise<string | null>,
): SessionRepository & SessionReads & { all(): SessionRecord[] } {
  const sessions = new Map<string, SessionRecord>();
  const revocations = new Map<string, TokenRevocation>();
  const live = (now: Date) => [...sessions.values()].filter((s) => s.expiresAt > now);
  const expired = <Row extends { expiresAt: Date }>(rows: Map<string, Row>, now: Date, n: number) =>
    [...rows]
      .filter(([, row]) => row.expiresAt < now)
      .sort(([, a], [, b]) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, n)
      .filter(([key]) => rows.delete(key)).length;
  return {
    async startWhilePassword(session, passwordHash) {
      if ((await passwordOf(session.userId)) !== passwordHash) return false;
      sessions.set(session.id, { ...session });
      return true;
    },
    async keep(session) {
      if (!sessions.has(session.id)) sessions.set(session.id, { ...session });
    },
    async listLive(userId, now, limit, firstId) {
      const rank = (session: SessionRecord) =>
        session.id === firstId ? Number.POSITIVE_INFINITY : session.lastUsedAt.getTime();
      const own = live(now)
        .filter((session) => session.userId === userId)
        .sort((a, b) => rank(b) - rank(a));
      return { sessions: own.slice(0, limit).map((s) => ({ ...s })), total: own.length };
    },
    async end(userId, sessionId) {
      return sessions.get(sessionId)?.userId === userId && sessions.delete(sessionId);
    },
    async endAll(userId, keepId) {
      const ended = [...sessions.values()].filter((s) => s.userId === userId && s.id !== keepId);
      for (const session of ended) sessions.delete(session.id);
      return ended.length;
    },
    async revokeToken(revocation) {
      if (!revocations.has(revocation.tokenDigest)) {
        revocations.set(revocation.tokenDigest, { ...revocation });
      }
    },
    async markUsed(ids, at, staleBefore) {
      for (const id of ids) {
        const session = sessions.get(id);
        if (session !== undefined && session.lastUsedAt < staleBefore) session.lastUsedAt = at;
      }
    },
    async deleteExpired(now, limit) {
      return {
        sessions: expired(sessions, now, limit),
        revocations: expired(revocations, now, limit),
      };
    },
    async countLive(now) {
      return live(now).length;
    },
    async stored(userId, sessionId) {
      const session = sessions.get(sessionId);
      if (session?.userId !== userId) return null;
      return { expiresAt: session.expiresAt, lastUsedAt: session.lastUsedAt };
    },
    async isRevoked(tokenDigest) {
      return revocations.has(tokenDigest);
    },
    all: () => [...sessions.values()].map((session) => ({ ...session })),
  };
}
