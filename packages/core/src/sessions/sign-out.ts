import type { Caller } from "./caller-session.js";
import type { SessionRepository } from "./session-repository.js";

/**
 * Ends the caller's session: its token is refused from now on, by every process (nothing is
 * cached), and no other session is touched. A token without a session is recorded as signed out
 * (by its digest, until it expires). Signing out a session that just ended elsewhere answers
 * the same.
 */
export async function signOut(
  { user, session }: Caller,
  { sessions }: { sessions: SessionRepository },
): Promise<null> {
  if (session.tokenDigest !== null) {
    await sessions.revokeToken({
      tokenDigest: session.tokenDigest,
      userId: user.id,
      expiresAt: session.expiresAt,
    });
  }
  await sessions.end(user.id, session.id);
  return null;
}
