import { type Deadline, type SqlClient, sql } from "@otas/core";
import type { RateLimitStore } from "./rate-limit-store.js";

/** Expired counters are swept after this many hits (one cheap DELETE, off the hot path). */
const SWEEP_EVERY = 500;

interface HitRow {
  count: number;
  reset_in_ms: number;
}

/**
 * Fixed-window counters in the `rate_limit_hits` table, so every API process on the same
 * PostgreSQL database counts together. One statement per hit: an atomic upsert that starts a new
 * window when the old one is over.
 */
export function postgresRateLimitStore(db: SqlClient): RateLimitStore {
  let hits = 0;
  const sweep = () => {
    db.execute(sql`DELETE FROM rate_limit_hits WHERE reset_at < now()`).catch(() => {});
  };
  return {
    async hit(key, windowMs, deadline?: Deadline) {
      hits += 1;
      if (hits % SWEEP_EVERY === 0) sweep();
      const [row] = await (deadline === undefined ? db : db.under(deadline)).query<HitRow>(sql`
        INSERT INTO rate_limit_hits AS hit (key, count, reset_at)
        VALUES (${key}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN hit.reset_at <= now() THEN 1 ELSE LEAST(hit.count, 2147483646) + 1 END,
          reset_at = CASE WHEN hit.reset_at <= now() THEN excluded.reset_at ELSE hit.reset_at END
        RETURNING count, ceil(extract(epoch FROM reset_at - now()) * 1000)::integer AS reset_in_ms`);
      if (row === undefined) throw new Error("rate limit upsert returned no row");
      return { count: row.count, resetInMs: Math.max(0, row.reset_in_ms) };
    },
  };
}
