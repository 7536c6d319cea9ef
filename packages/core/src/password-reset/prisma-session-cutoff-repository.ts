import type { PrismaClient } from "../generated/sqlite/client.js";
import type { SessionCutoffRepository } from "./session-cutoff-repository.js";

/** A {@link SessionCutoffRepository} over Prisma (`session_cutoffs`), SQLite and PostgreSQL. */
export function createPrismaSessionCutoffRepository(client: PrismaClient): SessionCutoffRepository {
  return {
    async notBefore(userId) {
      const row = await client.sessionCutoff.findUnique({
        where: { userId },
        select: { notBefore: true },
      });
      return row?.notBefore ?? null;
    },
    async endSessionsBefore(userId, notBefore) {
      await client.sessionCutoff.upsert({
        where: { userId },
        create: { userId, notBefore },
        update: { notBefore },
        select: { userId: true },
      });
    },
  };
}
