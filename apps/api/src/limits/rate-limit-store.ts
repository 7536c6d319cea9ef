import type { Deadline } from "@otas/core";

/** One counter's state after a hit. */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
}

/**
 * Where fixed-window counters live. Every process that must count together shares one store:
 * the primary's memory for the workers of one machine, PostgreSQL or Redis across machines.
 */
export interface RateLimitStore {
  /**
   * Counts one hit on `key` in a window of `windowMs` that starts with the key's first hit; a
   * store in the database counts it under the request's `deadline`.
   */
  hit(key: string, windowMs: number, deadline?: Deadline): Promise<RateLimitHit>;
}

/** Counters kept at most, so a flood of distinct keys cannot grow memory without bound. */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * Counters in this process's memory: exact for one process (and for the workers of one machine
 * when the primary holds them). Past `maxKeys` the oldest counters are dropped first.
 */
export function memoryRateLimitStore(
  options: { maxKeys?: number; now?: () => number } = {},
): RateLimitStore & { size(): number } {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const now = options.now ?? Date.now;
  const counters = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs) {
      const at = now();
      let counter = counters.get(key);
      if (counter === undefined || counter.resetAt <= at) {
        counters.delete(key);
        counter = { count: 0, resetAt: at + windowMs };
        // A Map iterates in insertion order: the first keys are the oldest windows.
        for (const oldest of counters.keys()) {
          if (counters.size < maxKeys) break;
          counters.delete(oldest);
        }
        counters.set(key, counter);
      }
      counter.count += 1;
      return { count: counter.count, resetInMs: counter.resetAt - at };
    },
    size: () => counters.size,
  };
}
