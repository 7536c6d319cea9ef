import { type EpochMicros, splitSeconds } from "./epoch-micros.js";

/**
 * Formats a UTC instant as Python's `datetime.isoformat()` does for an aware UTC datetime:
 * `2026-04-16T10:00:00.123456+00:00` — six fraction digits, omitted only when they are all zero.
 */
export function pythonIsoformat(instant: EpochMicros): string {
  const [seconds, fraction] = splitSeconds(instant);
  const digits = fraction === 0 ? "" : `.${String(fraction).padStart(6, "0")}`;
  return `${seconds.toISOString().slice(0, 19)}${digits}+00:00`;
}
