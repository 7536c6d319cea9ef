/**
 * Formats a UTC instant as Python's `datetime.isoformat()` does for an aware UTC datetime:
 * `2026-04-16T10:00:00.123000+00:00` — six fraction digits, omitted only when they are all zero.
 * JavaScript dates hold milliseconds, so the last three digits are always zero.
 */
export function pythonIsoformat(instant: Date): string {
  const iso = instant.toISOString(); // 2026-04-16T10:00:00.123Z
  const seconds = iso.slice(0, 19);
  const millis = instant.getUTCMilliseconds();
  const fraction = millis === 0 ? "" : `.${String(millis).padStart(3, "0")}000`;
  return `${seconds}${fraction}+00:00`;
}
