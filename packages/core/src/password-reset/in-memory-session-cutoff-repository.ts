import type { SessionCutoffRepository } from "./session-cutoff-repository.js";

/** A {@link SessionCutoffRepository} in a Map, for unit tests. */
export function createInMemorySessionCutoffRepository(): SessionCutoffRepository {
  const byUser = new Map<string, Date>();
  return {
    async notBefore(userId) {
      return byUser.get(userId) ?? null;
    },
    async endSessionsBefore(userId, notBefore) {
      const earlier = byUser.get(userId);
      if (earlier === undefined || earlier < notBefore) byUser.set(userId, notBefore);
    },
  };
}
