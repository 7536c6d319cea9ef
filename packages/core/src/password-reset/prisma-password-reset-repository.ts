import type { PrismaClient } from "../generated/sqlite/client.js";
import type { PasswordResetRepository } from "./password-reset-repository.js";

const columns = {
  userId: true,
  tokenDigest: true,
  passwordFingerprint: true,
  createdAt: true,
  expiresAt: true,
  usedAt: true,
} as const;

/** A {@link PasswordResetRepository} over Prisma (`password_reset_tokens`), SQLite and PostgreSQL. */
export function createPrismaPasswordResetRepository(client: PrismaClient): PasswordResetRepository {
  return {
    async save(token) {
      const { userId, ...rest } = token;
      await client.passwordResetToken.upsert({
        where: { userId },
        create: token,
        update: rest,
        select: { userId: true },
      });
    },
    findByDigest(tokenDigest) {
      return client.passwordResetToken.findUnique({ where: { tokenDigest }, select: columns });
    },
    async markUsed(tokenDigest, at) {
      const { count } = await client.passwordResetToken.updateMany({
        where: { tokenDigest, usedAt: null, expiresAt: { gt: at } },
        data: { usedAt: at },
      });
      return count > 0;
    },
  };
}
