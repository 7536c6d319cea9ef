import { z } from "zod";
import type { Caller } from "./caller-session.js";
import { sessionSchema, toSessionDto } from "./session.js";
import type { SessionRepository } from "./session-repository.js";

/** The most sessions one answer lists. */
export const SESSIONS_LISTED = 100;

/** The caller's user's live sessions (at most {@link SESSIONS_LISTED}) and how many there are. */
export const listSessionsOutput = z.object({
  sessions: z
    .array(sessionSchema)
    .describe(`The caller's first, then the most recently used; at most ${SESSIONS_LISTED}.`),
  total: z.number().int().min(0).describe("How many live sessions the user has."),
});

export type ListSessionsOutput = z.infer<typeof listSessionsOutput>;

/**
 * The live (unexpired) sessions of the caller's user, the caller's own first and marked
 * `current`. A token without a session is not among them (it is listed once a password change
 * or "end the other sessions" gave it one).
 */
export async function listSessions(
  { user, session }: Caller,
  { sessions, now }: { sessions: SessionRepository; now: () => Date },
): Promise<ListSessionsOutput> {
  const page = await sessions.listLive(user.id, now(), SESSIONS_LISTED, session.id);
  return {
    sessions: page.sessions.map((stored) => toSessionDto(stored, session.id)),
    total: page.total,
  };
}
