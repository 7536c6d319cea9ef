import type { TokenIssuer } from "../auth/token-issuer.js";
import { type SessionClient, storedClient } from "./session-client.js";
import type { SessionRepository } from "./session-repository.js";

/** What starting a session needs. */
export interface StartSessionDeps {
  sessions: SessionRepository;
  tokens: TokenIssuer;
  now: () => Date;
  newId: () => string;
}

/**
 * Starts a session for `user` and issues its token (naming the session in `sid`, expiring with
 * it), provided the user's password hash is still `passwordHash` — the one the caller checked or
 * just set. The check and the new session are one step in the database, and a password change
 * ends the other sessions after it changed the hash, so a sign-in that checked a password just
 * before it changed never leaves a working token behind: it gets null here, or its session is
 * ended by the change.
 */
export async function startSession(
  {
    user,
    passwordHash,
    client = {},
  }: {
    user: { id: string; email: string };
    passwordHash: string;
    client?: SessionClient | undefined;
  },
  { sessions, tokens, now, newId }: StartSessionDeps,
): Promise<string | null> {
  const id = newId();
  const { token, claims } = tokens.issue(user, id);
  const startedAt = now();
  const started = await sessions.startWhilePassword(
    {
      id,
      userId: user.id,
      createdAt: startedAt,
      expiresAt: new Date(claims.exp * 1000),
      lastUsedAt: startedAt,
      ...storedClient(client),
    },
    passwordHash,
  );
  return started ? token : null;
}
