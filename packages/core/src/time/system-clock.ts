import { performance } from "node:perf_hooks";
import type { EpochMicros } from "./epoch-micros.js";
import { MicrosecondDate } from "./microsecond-date.js";

const MICROS_PER_MILLI = 1000;

/** Microseconds to add to `performance.now()` (as µs) to get the wall clock's time. */
let offset = performance.timeOrigin * MICROS_PER_MILLI;

/**
 * The wall clock to the microsecond. `Date.now()` counts whole milliseconds; the monotonic clock
 * (`performance.now()`) has the fraction but drifts from the wall clock and ignores its steps.
 * So the monotonic reading, anchored to the wall clock, is kept within the millisecond
 * `Date.now()` reports: when it strays out (drift, a clock step), it is clamped back to that
 * millisecond's nearer end and the anchor moves with it. Readings never leave `Date.now()`'s
 * millisecond, and never go back unless the wall clock does.
 */
export function nowEpochMicros(): EpochMicros {
  const wall = Date.now() * MICROS_PER_MILLI;
  const monotonic = performance.now() * MICROS_PER_MILLI;
  let instant = Math.floor(monotonic + offset);
  if (instant < wall || instant >= wall + MICROS_PER_MILLI) {
    instant = instant < wall ? wall : wall + MICROS_PER_MILLI - 1;
    offset = instant - monotonic;
  }
  return instant;
}

/**
 * The service's clock (`UserDeps.now`): the wall clock's time as a Date that keeps its
 * microseconds, which the repositories store (see {@link MicrosecondDate}).
 */
export function systemNow(): Date {
  return new MicrosecondDate(nowEpochMicros());
}
