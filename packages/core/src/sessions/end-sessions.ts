import { wholeSecondAfter } from "../password-reset/session-cutoff.js";
import type { SessionCutoffRepository } from "../password-reset/session-cutoff-repository.js";
import type { CallerSession } from "./caller-session.js";
import { type SessionClient, storedClient } from "./session-client.js";
import type { SessionRepository } from "./session-repository.js";

/** What ending a user's sessions needs. */
export interface EndSessionsDeps {
  sessions: SessionRepository;
  cutoffs: SessionCutoffRepository;
  now: () => Date;
}

/**
 * Ends every session of `userId` but `keep`, tokens without a session included: their cut-off
 * moves to `notBefore` (by default the next whole second, {@link wholeSecondAfter}). A kept token
 * without a stored session (one the original service issued) is first given one, under the id
 * derived from its digest, so the cut-off spares it while every other such token is refused.
 * @returns how many stored sessions ended.
 */
export async function endSessions(
  {
    userId,
    keep,
    client = {},
    notBefore,
  }: {
    userId: string;
    keep?: CallerSession | undefined;
    client?: SessionClient | undefined;
    notBefore?: Date | undefined;
  },
  { sessions, cutoffs, now }: EndSessionsDeps,
): Promise<number> {
  if (keep !== undefined && keep.lastUsedAt === null) {
    const at = now();
    await sessions.keep({
      id: keep.id,
      userId,
      createdAt: keep.issuedAt,
      expiresAt: keep.expiresAt,
      lastUsedAt: at,
      ...storedClient(client),
    });
  }
  const ended = await sessions.endAll(userId, keep?.id);
  await cutoffs.endSessionsBefore(userId, notBefore ?? wholeSecondAfter(now()));
  return ended;
}
