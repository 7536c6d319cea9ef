import { z } from "zod";
import type { Caller } from "./caller-session.js";
import { type EndSessionsDeps, endSessions } from "./end-sessions.js";

/** How many of the user's stored sessions ended (tokens without a session are not counted). */
export const endOtherSessionsOutput = z.object({
  ended_sessions: z.number().int().min(0),
});

export type EndOtherSessionsOutput = z.infer<typeof endOtherSessionsOutput>;

/**
 * Ends every session of the caller's user but the caller's own, tokens without a session
 * included; the caller's token keeps working (see `endSessions`).
 */
export async function endOtherSessions(
  { user, session, client }: Caller,
  deps: EndSessionsDeps,
): Promise<EndOtherSessionsOutput> {
  const ended = await endSessions({ userId: user.id, keep: session, client }, deps);
  return { ended_sessions: ended };
}
