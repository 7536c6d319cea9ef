import type { Caller } from "./caller-session.js";
import { type EndSessionsDeps, endSessions } from "./end-sessions.js";

/**
 * Ends every session of the caller's user, the caller's included, and refuses every token of the
 * account issued until now, those without a session too (see `endSessions`).
 */
export async function signOutEverywhere({ user }: Caller, deps: EndSessionsDeps): Promise<null> {
  await endSessions({ userId: user.id }, deps);
  return null;
}
