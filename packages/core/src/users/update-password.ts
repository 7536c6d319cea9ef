import type { PasswordHasher } from "../auth/password-hasher.js";
import { DomainError } from "../errors/domain-error.js";
import type { CallerSession } from "../sessions/caller-session.js";
import { type EndSessionsDeps, endSessions } from "../sessions/end-sessions.js";
import type { SessionClient } from "../sessions/session-client.js";
import { advancedTime } from "../time/advanced-time.js";
import type { UpdatePasswordInput } from "./update-password.schema.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What changing a password needs. */
export interface UpdatePasswordDeps extends EndSessionsDeps {
  users: UserRepository;
  hasher: PasswordHasher;
}

/**
 * Replaces the user's password with the same hashing as sign-up, then ends every other session
 * of the user, tokens without a session included; the caller's `session` keeps working (without
 * one, an operator's change, every session ends). The hash changes first: a login that checked
 * the old password gets no session after it (see `startSession`), and one that got its session
 * before is ended here.
 */
export async function updatePassword(
  { password }: UpdatePasswordInput,
  {
    user,
    session,
    client,
  }: { user: UserRecord; session?: CallerSession | undefined; client?: SessionClient | undefined },
  deps: UpdatePasswordDeps,
): Promise<null> {
  const { users, hasher, now } = deps;
  const passwordHash = await hasher.hash(password);
  const updated = await users.updatePassword(
    user.id,
    passwordHash,
    advancedTime(now(), user.updatedAt),
  );
  if (!updated) throw new DomainError("invalid_token");
  await endSessions({ userId: user.id, keep: session, client }, deps);
  return null;
}
