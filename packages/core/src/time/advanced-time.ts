import { type EpochMicros, epochMicros } from "./epoch-micros.js";

/**
 * A moment strictly after `previous`: `updated_at` must advance even when two writes fall in
 * the same microsecond (or the clock steps back, or the row was written by a clock ahead).
 */
export function advancedTime(now: Date, previous: EpochMicros): EpochMicros {
  return Math.max(epochMicros(now), previous + 1);
}
