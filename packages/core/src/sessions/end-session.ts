import { DomainError } from "../errors/domain-error.js";
import type { Caller } from "./caller-session.js";
import type { EndSessionInput } from "./end-session.schema.js";
import type { SessionRepository } from "./session-repository.js";

/**
 * Ends one of the caller's user's sessions (the caller's own included: that is signing out).
 * Another user's session is `session_not_found`, exactly as one that does not exist, and is
 * left alone.
 */
export async function endSession(
  { session_id }: EndSessionInput,
  { user }: Caller,
  { sessions }: { sessions: SessionRepository },
): Promise<null> {
  if (!(await sessions.end(user.id, session_id))) {
    throw new DomainError("session_not_found", undefined, "no such session of this user");
  }
  return null;
}
