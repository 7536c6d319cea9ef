import { plusMilliseconds } from "../time/microsecond-date.js";
import type { UserRecord } from "../users/user.js";
import type { UserRepository } from "../users/user-repository.js";
import type { PasswordResetRepository } from "./password-reset-repository.js";
import type { RequestPasswordResetInput } from "./request-password-reset.schema.js";
import { resetLink } from "./reset-link.js";
import { newResetToken, passwordFingerprint, resetTokenDigest } from "./reset-token.js";

/** Where reset links point and how long they work. */
export interface PasswordResetSettings {
  /** The OTAS web app's base URL (`APP_URL`). */
  appUrl: string;
  tokenTtlMinutes: number;
}

/** What requesting a reset needs. */
export interface RequestPasswordResetDeps {
  users: UserRepository;
  resetTokens: PasswordResetRepository;
  now: () => Date;
  passwordReset: PasswordResetSettings;
}

/** A fresh reset link for a user: what a mail (or an operator) hands them. */
export interface PasswordResetLink {
  user: UserRecord;
  /** The token itself; only its digest is stored. */
  token: string;
  /** `${APP_URL}/reset-password?token=…&emailId=…` */
  link: string;
  expiresAt: Date;
}

/**
 * Issues a reset token for the account with `email`, replacing any earlier one (which stops
 * working), and returns the link; null when no account has that email. Callers must not let
 * the difference show (the API answers before this runs).
 */
export async function requestPasswordReset(
  { email }: RequestPasswordResetInput,
  { users, resetTokens, now, passwordReset }: RequestPasswordResetDeps,
): Promise<PasswordResetLink | null> {
  const credentials = await users.findCredentialsByEmail(email);
  if (credentials === null) return null;
  const { user, passwordHash } = credentials;
  const token = newResetToken();
  const createdAt = now();
  const expiresAt = plusMilliseconds(createdAt, passwordReset.tokenTtlMinutes * 60_000);
  await resetTokens.save({
    userId: user.id,
    tokenDigest: resetTokenDigest(token),
    passwordFingerprint: passwordFingerprint(passwordHash),
    createdAt,
    expiresAt,
    usedAt: null,
  });
  return { user, token, link: resetLink(passwordReset.appUrl, token, user.email), expiresAt };
}
