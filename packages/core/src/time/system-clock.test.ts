import { describe, expect, it } from "vitest";
import { epochMicros, parseTimestamp, timestampText } from "./epoch-micros.js";
import { MicrosecondDate, plusMilliseconds } from "./microsecond-date.js";
import { nowEpochMicros, systemNow } from "./system-clock.js";

describe("nowEpochMicros", () => {
  it("stays within the millisecond Date.now() reports, never goes back, and has microseconds", () => {
    const readings: number[] = [];
    const started = Date.now();
    while (Date.now() < started + 20) {
      const before = Date.now();
      const instant = nowEpochMicros();
      const after = Date.now();
      expect(instant).toBeGreaterThanOrEqual(before * 1000);
      expect(instant).toBeLessThan((after + 1) * 1000);
      readings.push(instant);
    }
    for (let i = 1; i < readings.length; i++) {
      expect(readings[i]).toBeGreaterThanOrEqual(readings[i - 1] ?? 0);
    }
    // Over 20 ms of readings the sub-millisecond digits take many values, not just 000.
    expect(new Set(readings.map((instant) => instant % 1000)).size).toBeGreaterThan(10);
  });

  it("is what the service's clock hands out, as a Date that keeps it", () => {
    const before = Date.now();
    const now = systemNow();
    expect(now).toBeInstanceOf(Date);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(Math.floor(epochMicros(now) / 1000)).toBe(now.getTime());
  });
});

describe("MicrosecondDate", () => {
  const instant = parseTimestamp("2026-11-29T14:54:35.480123Z");

  it("is the Date of its millisecond and keeps the microseconds for storage", () => {
    const date = new MicrosecondDate(instant);
    expect(date.toISOString()).toBe("2026-11-29T14:54:35.480Z");
    expect(timestampText(epochMicros(date))).toBe("2026-11-29T14:54:35.480123+00:00");
    expect(epochMicros(new Date(date))).toBe(parseTimestamp("2026-11-29T14:54:35.480Z"));
  });

  it("drops back to its milliseconds once changed, and adds milliseconds keeping them", () => {
    const date = new MicrosecondDate(instant);
    date.setTime(date.getTime() + 1);
    expect(timestampText(epochMicros(date))).toBe("2026-11-29T14:54:35.481000+00:00");
    const later = plusMilliseconds(new MicrosecondDate(instant), 3_600_000);
    expect(timestampText(epochMicros(later))).toBe("2026-11-29T15:54:35.480123+00:00");
  });
});
