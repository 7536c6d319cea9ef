import type { SessionCutoffRepository } from "../password-reset/session-cutoff-repository.js";
import { SESSIONS_LISTED } from "../sessions/list-sessions.js";
import { type SessionDto, toSessionDto } from "../sessions/session.js";
import type { SessionRepository } from "../sessions/session-repository.js";
import type { UserRepository } from "../users/user-repository.js";
import { normalizeEmail } from "./admin-user.js";

/** A user's live sessions as an operator sees them (`otas-users sessions`). */
export interface UserSessions {
  user: { id: string; email: string };
  /** The most recently used first, at most `SESSIONS_LISTED`; none is "current" here. */
  sessions: Omit<SessionDto, "current">[];
  total: number;
  /** Tokens without a session issued before this are refused; null: never cut off. */
  notBefore: Date | null;
}

/** The live sessions of the user with this email (matched as login matches it), or null. */
export async function userSessions(
  { email }: { email: string },
  {
    users,
    sessions,
    cutoffs,
    now,
  }: {
    users: UserRepository;
    sessions: SessionRepository;
    cutoffs: SessionCutoffRepository;
    now: () => Date;
  },
): Promise<UserSessions | null> {
  const found = await users.findCredentialsByEmail(normalizeEmail(email));
  if (found === null) return null;
  const { id } = found.user;
  const page = await sessions.listLive(id, now(), SESSIONS_LISTED, "");
  return {
    user: { id, email: found.user.email },
    sessions: page.sessions.map((session) => {
      const { current: _current, ...listed } = toSessionDto(session, "");
      return listed;
    }),
    total: page.total,
    notBefore: await cutoffs.notBefore(id),
  };
}
