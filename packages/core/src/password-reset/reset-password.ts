import type { PasswordHasher } from "../auth/password-hasher.js";
import { DomainError } from "../errors/domain-error.js";
import { type EndSessionsDeps, endSessions } from "../sessions/end-sessions.js";
import { advancedTime } from "../time/advanced-time.js";
import type { UserRepository } from "../users/user-repository.js";
import type { PasswordResetRepository } from "./password-reset-repository.js";
import type { ResetPasswordInput } from "./reset-password.schema.js";
import { passwordFingerprint, resetTokenDigest } from "./reset-token.js";
import { nextWholeSecond } from "./session-cutoff.js";

/** What resetting a password with an emailed token needs. */
export interface ResetPasswordDeps extends EndSessionsDeps {
  users: UserRepository;
  resetTokens: PasswordResetRepository;
  hasher: PasswordHasher;
  sleep: (milliseconds: number) => Promise<void>;
}

function refused(reason: string): DomainError {
  return new DomainError("invalid_or_expired_token", undefined, reason);
}

/**
 * Sets a new password with the token of a reset link. The token must be the latest one issued
 * for the account with `email`, unused, unexpired, and issued while the current password was
 * set (any password change since voids it); anything else is `invalid_or_expired_token`. The
 * token then works no more, and every session is ended, tokens without a session issued before
 * the reset included (see {@link nextWholeSecond}); sessions started from then on work.
 */
export async function resetPassword(
  { email, token, password }: ResetPasswordInput,
  deps: ResetPasswordDeps,
): Promise<null> {
  const { users, resetTokens, hasher, now, sleep } = deps;
  const stored = await resetTokens.findByDigest(resetTokenDigest(token));
  if (stored === null) throw refused("unknown token");
  const credentials = await users.findCredentialsByEmail(email);
  if (credentials === null || credentials.user.id !== stored.userId) {
    throw refused("token of another account");
  }
  if (stored.usedAt !== null) throw refused("token already used");
  if (stored.expiresAt <= now()) throw refused("token expired");
  if (stored.passwordFingerprint !== passwordFingerprint(credentials.passwordHash)) {
    throw refused("password changed since the token was issued");
  }
  const passwordHash = await hasher.hash(password);
  const cutoff = await nextWholeSecond(now, sleep);
  // Each step fails safe: a spent token without a new password means asking for another link,
  // ended sessions without a new password mean logging in again.
  if (!(await resetTokens.markUsed(stored.tokenDigest, cutoff))) {
    throw refused("token used or expired meanwhile");
  }
  const { user } = credentials;
  await endSessions({ userId: user.id, notBefore: cutoff }, deps);
  if (!(await users.updatePassword(user.id, passwordHash, advancedTime(now(), user.updatedAt)))) {
    throw refused("account no longer exists");
  }
  // A login that checked the old password may have started its session since the first end:
  // now that the hash changed, none can start any more (see `startSession`), so this is the last.
  await deps.sessions.endAll(user.id);
  return null;
}
