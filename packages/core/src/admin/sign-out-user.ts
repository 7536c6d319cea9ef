import { wholeSecondAfter } from "../password-reset/session-cutoff.js";
import { type EndSessionsDeps, endSessions } from "../sessions/end-sessions.js";
import type { UserRepository } from "../users/user-repository.js";
import { normalizeEmail } from "./admin-user.js";

/** What signing a user out everywhere did. */
export interface UserSignOut {
  user: { id: string; email: string };
  endedSessions: number;
  /** Tokens without a session issued before this are refused from now on. */
  notBefore: Date;
}

/**
 * Signs the user with this email out everywhere, as an operator (`otas-users sign-out`): every
 * session ends and every older token without one is refused, exactly as the user's own "sign out
 * everywhere". Null when no user has the email.
 */
export async function signOutUser(
  { email }: { email: string },
  deps: EndSessionsDeps & { users: UserRepository },
): Promise<UserSignOut | null> {
  const found = await deps.users.findCredentialsByEmail(normalizeEmail(email));
  if (found === null) return null;
  const { id } = found.user;
  const notBefore = wholeSecondAfter(deps.now());
  const endedSessions = await endSessions({ userId: id, notBefore }, deps);
  return { user: { id, email: found.user.email }, endedSessions, notBefore };
}
