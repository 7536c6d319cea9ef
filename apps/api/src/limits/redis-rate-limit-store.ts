import { TimeLimitError } from "@otas/core";
import type { Redis } from "ioredis";
import type { RateLimitStore } from "./rate-limit-store.js";

/**
 * One round trip per hit, atomic in Redis: count the hit, start the window's expiry on the first
 * one (or on a key that somehow has none), and answer the count with the time left.
 */
const HIT_SCRIPT = `
local count = redis.call("INCR", KEYS[1])
local ttl = redis.call("PTTL", KEYS[1])
if ttl < 0 then
  redis.call("PEXPIRE", KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

interface HitCommand {
  otasRateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
}

/** A Redis-backed store and the connection it owns. */
export interface RedisRateLimitStore extends RateLimitStore {
  close(): Promise<void>;
}

/**
 * Fixed-window counters in Redis (`<prefix>rate-limit:<key>`, expiring with their window), so
 * every process on every machine pointed at one Redis counts together. Connects at once and
 * rejects when Redis does not answer within `timeoutMs`, so a wrong `REDIS_URL` stops the start.
 * A hit fails after `timeoutMs` when Redis does not answer it (down, or frozen with the
 * connection still open), or after one retry when the connection is refused, and the call is
 * answered `server_error` rather than let through.
 */
export async function openRedisRateLimitStore(
  url: string,
  keyPrefix: string,
  timeoutMs = 1000,
): Promise<RedisRateLimitStore> {
  // Loaded only by the processes that use it (ioredis is a few MB of heap).
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    keyPrefix: `${keyPrefix}rate-limit:`,
  });
  redis.on("error", () => {
    // Reported through the failing commands; ioredis reconnects by itself.
  });
  redis.defineCommand("otasRateLimitHit", { numberOfKeys: 1, lua: HIT_SCRIPT });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `REDIS_URL: cannot connect (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const client = redis as Redis & HitCommand;
  return {
    async hit(key, windowMs) {
      try {
        const [count, resetInMs] = await client.otasRateLimitHit(key, windowMs);
        return { count, resetInMs: Math.max(0, resetInMs) };
      } catch (error) {
        if (error instanceof Error && error.message === "Command timed out") {
          throw new TimeLimitError(`Redis did not answer within ${timeoutMs} ms`, { cause: error });
        }
        throw error;
      }
    },
    async close() {
      await redis.quit();
    },
  };
}
