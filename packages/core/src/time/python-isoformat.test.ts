import { describe, expect, it } from "vitest";
import { advancedTime } from "./advanced-time.js";
import { epochMicros, parseTimestamp, timestampText } from "./epoch-micros.js";
import { pythonIsoformat } from "./python-isoformat.js";

describe("pythonIsoformat", () => {
  it("writes six fraction digits and an explicit +00:00 offset", () => {
    expect(pythonIsoformat(epochMicros(new Date("2026-04-16T10:00:00.123Z")))).toBe(
      "2026-04-16T10:00:00.123000+00:00",
    );
    expect(pythonIsoformat(parseTimestamp("2026-11-29T14:16:00.862517+00:00"))).toBe(
      "2026-11-29T14:16:00.862517+00:00",
    );
    expect(pythonIsoformat(parseTimestamp("2026-11-29T14:16:00.000001Z"))).toBe(
      "2026-11-29T14:16:00.000001+00:00",
    );
  });

  it("omits the fraction only when it is exactly zero", () => {
    expect(pythonIsoformat(epochMicros(new Date("2026-01-02T03:04:05.000Z")))).toBe(
      "2026-01-02T03:04:05+00:00",
    );
  });

  it("handles instants before 1970", () => {
    expect(pythonIsoformat(parseTimestamp("1969-12-31T23:59:59.999999+00:00"))).toBe(
      "1969-12-31T23:59:59.999999+00:00",
    );
  });
});

describe("timestamps as the databases hold them", () => {
  it("round-trips microseconds, reading the forms Prisma and PostgreSQL write", () => {
    const instant = parseTimestamp("2026-11-29T14:16:00.862563+00:00");
    expect(timestampText(instant)).toBe("2026-11-29T14:16:00.862563+00:00");
    expect(parseTimestamp("2026-11-29T14:16:00.862+00:00")).toBe(instant - 563);
    expect(parseTimestamp("2026-11-29 15:16:00.862563+01")).toBe(instant);
    expect(parseTimestamp("2026-11-29T14:16:00Z")).toBe(instant - 862563);
  });

  it("refuses what it cannot read exactly", () => {
    for (const text of ["2026-11-29", "2026-11-29T14:16:00.1234567Z", "2026-11-29T14:16:00", "x"]) {
      expect(() => parseTimestamp(text)).toThrow("Unreadable timestamp");
    }
  });
});

describe("advancedTime", () => {
  it("is now, or one microsecond after the previous write when the clock is not ahead", () => {
    const previous = parseTimestamp("2026-11-29T14:16:00.862563+00:00");
    expect(advancedTime(new Date("2026-11-29T14:16:01Z"), previous)).toBe(
      parseTimestamp("2026-11-29T14:16:01Z"),
    );
    expect(advancedTime(new Date("2026-11-29T14:16:00.862Z"), previous)).toBe(previous + 1);
  });
});
