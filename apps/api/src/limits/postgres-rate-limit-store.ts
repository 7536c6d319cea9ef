import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Database } from "@otas/core";

/** Expired counters are swept after this many increments (one cheap DELETE, off the hot path). */
const SWEEP_EVERY = 500;

interface HitRow {
  count: number;
  ttl_ms: number;
}

/**
 * A store for @fastify/rate-limit that keeps fixed-window counters in the `rate_limit_hits`
 * table, so every API process on the same PostgreSQL database counts together. One statement
 * per request: an atomic upsert that starts a new window when the old one is over.
 */
export function postgresRateLimitStore(client: Database["client"]): FastifyRateLimitStoreCtor {
  let increments = 0;
  const sweep = () => {
    client.$executeRaw`DELETE FROM rate_limit_hits WHERE reset_at < now()`.catch(() => {});
  };
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      increments += 1;
      if (increments % SWEEP_EVERY === 0) sweep();
      client.$queryRaw<HitRow[]>`
        INSERT INTO rate_limit_hits AS hit (key, count, reset_at)
        VALUES (${key}, 1, now() + ${timeWindow}::integer * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN hit.reset_at <= now() THEN 1 ELSE LEAST(hit.count, 2147483646) + 1 END,
          reset_at = CASE WHEN hit.reset_at <= now() THEN excluded.reset_at ELSE hit.reset_at END
        RETURNING count, ceil(extract(epoch FROM reset_at - now()) * 1000)::integer AS ttl_ms`
        .then(([row]) => {
          if (row === undefined) throw new Error("rate limit upsert returned no row");
          callback(null, { current: row.count, ttl: Math.max(0, row.ttl_ms) });
        })
        .catch((error: Error) => callback(error));
    }

    /** One table serves every limiter: the keys carry the bucket's name. */
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
