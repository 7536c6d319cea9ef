import type { PasswordResetRepository, StoredResetToken } from "./password-reset-repository.js";

/** A {@link PasswordResetRepository} in a Map keyed by user, for unit tests. */
export function createInMemoryPasswordResetRepository(): PasswordResetRepository & {
  all(): StoredResetToken[];
} {
  const byUser = new Map<string, StoredResetToken>();
  const find = (tokenDigest: string) =>
    [...byUser.values()].find((token) => token.tokenDigest === tokenDigest);
  return {
    async save(token) {
      byUser.set(token.userId, { ...token });
    },
    async findByDigest(tokenDigest) {
      const token = find(tokenDigest);
      return token ? { ...token } : null;
    },
    async markUsed(tokenDigest, at) {
      const token = find(tokenDigest);
      if (!token || token.usedAt !== null || token.expiresAt <= at) return false;
      token.usedAt = at;
      return true;
    },
    all: () => [...byUser.values()].map((token) => ({ ...token })),
  };
}
