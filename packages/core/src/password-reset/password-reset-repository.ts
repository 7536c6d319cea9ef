/** A stored reset token: its digest, never the token itself. */
export interface StoredResetToken {
  userId: string;
  tokenDigest: string;
  /** `passwordFingerprint` of the password hash when the token was issued. */
  passwordFingerprint: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Persistence of reset tokens: at most one per user, so a newer one replaces the older. */
export interface PasswordResetRepository {
  /** Stores the user's token, replacing any earlier one, which stops working. */
  save(token: StoredResetToken): Promise<void>;
  findByDigest(tokenDigest: string): Promise<StoredResetToken | null>;
  /**
   * Marks the token used at `at` if it is unused and not expired at `at`; false otherwise (so of
   * two concurrent uses, one wins).
   */
  markUsed(tokenDigest: string, at: Date): Promise<boolean>;
}
