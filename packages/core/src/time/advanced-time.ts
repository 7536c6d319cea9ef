/**
 * A moment strictly after `previous`: `updated_at` must advance even when two writes fall in
 * the same millisecond (or the clock steps back).
 */
export function advancedTime(now: Date, previous: Date): Date {
  return new Date(Math.max(now.getTime(), previous.getTime() + 1));
}
