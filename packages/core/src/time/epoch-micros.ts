import { MicrosecondDate } from "./microsecond-date.js";

/**
 * A UTC instant in whole microseconds since the Unix epoch: the resolution of PostgreSQL's
 * timestamptz and of Python's datetime, which wrote the original's rows. A JavaScript Date holds
 * only milliseconds (a {@link MicrosecondDate} carries the rest); a double holds every
 * microsecond exactly until the year 287396.
 */
export type EpochMicros = number;

const MICROS_PER_MILLI = 1000;
const MICROS_PER_SECOND = 1_000_000;

/** The instant of a Date: to the microsecond for the service's clock, else its milliseconds. */
export function epochMicros(date: Date): EpochMicros {
  return date instanceof MicrosecondDate ? date.epochMicros : date.getTime() * MICROS_PER_MILLI;
}

/** `[whole seconds as a Date, microseconds within that second]`, also before 1970. */
export function splitSeconds(instant: EpochMicros): [Date, number] {
  const fraction = ((instant % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND;
  return [new Date((instant - fraction) / MICROS_PER_MILLI), fraction];
}

/** `2026-11-29T14:16:00.862517+00:00`: six fraction digits, the form both databases store. */
export function timestampText(instant: EpochMicros): string {
  const [seconds, fraction] = splitSeconds(instant);
  return `${seconds.toISOString().slice(0, 19)}.${String(fraction).padStart(6, "0")}+00:00`;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d(?::?\d\d)?)$/;

/**
 * Reads a timestamp as the databases give it back: ISO 8601 with up to six fraction digits and
 * an offset (`Z`, `+00:00`, `+00`), as Prisma writes SQLite rows (milliseconds) and as this
 * service writes both databases (microseconds).
 * @throws Error for anything else, rather than guess.
 */
export function parseTimestamp(text: string): EpochMicros {
  const match = TIMESTAMP.exec(text);
  const milliseconds = match && Date.parse(`${match[1]}T${match[2]}${offset(match[4] ?? "")}`);
  if (match === null || milliseconds === null || Number.isNaN(milliseconds)) {
    throw new Error(`Unreadable timestamp: ${JSON.stringify(text)}`);
  }
  return milliseconds * MICROS_PER_MILLI + Number((match[3] ?? "").padEnd(6, "0"));
}

/** `+00` and `+0000` in the form Date.parse accepts. */
function offset(text: string): string {
  if (text === "Z") return text;
  const digits = text.slice(1).replace(":", "").padEnd(4, "0");
  return `${text[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}
