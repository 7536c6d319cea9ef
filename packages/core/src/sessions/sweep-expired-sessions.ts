import type { SessionRepository, SweptRows } from "./session-repository.js";

/** How much one sweep may delete: `batches` statements of at most `batchSize` rows per table. */
export interface SweepLimits {
  batchSize: number;
  batches: number;
}

/**
 * Deletes expired sessions and expired sign-out records (their tokens are refused by their
 * `exp` anyway), in batches of at most `batchSize` rows, until a batch comes back short or
 * `batches` ran, yielding between batches so requests go first. Safe to run from any number of
 * processes at once: each batch is one short statement, and rows already deleted are skipped.
 * @returns what it deleted.
 */
export async function sweepExpiredSessions(
  { batchSize, batches }: SweepLimits,
  { sessions, now }: { sessions: SessionRepository; now: () => Date },
): Promise<SweptRows> {
  const swept: SweptRows = { sessions: 0, revocations: 0 };
  for (let batch = 0; batch < batches; batch += 1) {
    const deleted = await sessions.deleteExpired(now(), batchSize);
    swept.sessions += deleted.sessions;
    swept.revocations += deleted.revocations;
    if (deleted.sessions < batchSize && deleted.revocations < batchSize) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return swept;
}
