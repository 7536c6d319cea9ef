import { describe, expect, it } from "vitest";
import { pythonIsoformat } from "./python-isoformat.js";

describe("pythonIsoformat", () => {
  it("writes six fraction digits and an explicit +00:00 offset", () => {
    expect(pythonIsoformat(new Date("2026-04-16T10:00:00.123Z"))).toBe(
      "2026-04-16T10:00:00.123000+00:00",
    );
    expect(pythonIsoformat(new Date("2026-04-16T10:00:00.007Z"))).toBe(
      "2026-04-16T10:00:00.007000+00:00",
    );
  });

  it("omits the fraction only when it is exactly zero", () => {
    expect(pythonIsoformat(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05+00:00");
  });
});
