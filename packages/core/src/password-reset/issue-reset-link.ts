import { plusMilliseconds } from "../time/microsecond-date.js";
import type { UserRecord } from "../users/user.js";
import type { StoredResetToken } from "./password-reset-repository.js";
import type { PasswordResetLink, PasswordResetSettings } from "./request-password-reset.js";
import { resetLink } from "./reset-link.js";
import { newResetToken, passwordFingerprint, resetTokenDigest } from "./reset-token.js";

/**
 * A fresh reset token for an account, as the link that carries it and the row to store for it
 * (its digest, never the token). Nothing is stored here: the caller stores `stored`, alone or
 * with the mail that carries the link.
 */
export function issueResetLink(
  credentials: { user: UserRecord; passwordHash: string },
  { now, passwordReset }: { now: () => Date; passwordReset: PasswordResetSettings },
): { issued: PasswordResetLink; stored: StoredResetToken } {
  const { user, passwordHash } = credentials;
  const token = newResetToken();
  const createdAt = now();
  const expiresAt = plusMilliseconds(createdAt, passwordReset.tokenTtlMinutes * 60_000);
  return {
    issued: { user, token, link: resetLink(passwordReset.appUrl, token, user.email), expiresAt },
    stored: {
      userId: user.id,
      tokenDigest: resetTokenDigest(token),
      passwordFingerprint: passwordFingerprint(passwordHash),
      createdAt,
      expiresAt,
      usedAt: null,
    },
  };
}
