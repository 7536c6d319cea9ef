import type { EpochMicros } from "./epoch-micros.js";

const MICROS_PER_MILLI = 1000;

/**
 * A Date that also knows its microseconds, so a clock's reading can stay a Date for everything
 * that only needs milliseconds (comparisons, JWT seconds, arithmetic) while whatever stores it
 * (`epochMicros`, `instantParam`) keeps all six fraction digits, as the original's rows have.
 * Changing it with a setter drops back to its milliseconds.
 */
export class MicrosecondDate extends Date {
  readonly #instant: EpochMicros;

  constructor(instant: EpochMicros) {
    super(Math.floor(instant / MICROS_PER_MILLI));
    this.#instant = instant;
  }

  /** The instant to the microsecond; the milliseconds alone once a setter changed the Date. */
  get epochMicros(): EpochMicros {
    return Math.floor(this.#instant / MICROS_PER_MILLI) === this.getTime()
      ? this.#instant
      : this.getTime() * MICROS_PER_MILLI;
  }
}

/** `date` plus `milliseconds`, keeping its microseconds. */
export function plusMilliseconds(date: Date, milliseconds: number): Date {
  const instant =
    date instanceof MicrosecondDate ? date.epochMicros : date.getTime() * MICROS_PER_MILLI;
  return new MicrosecondDate(instant + milliseconds * MICROS_PER_MILLI);
}
