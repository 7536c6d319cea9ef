import { describe, expect, it } from "vitest";
import { restartBackoff } from "./restart-backoff.js";

describe("restartBackoff", () => {
  const settings = { firstDelayMs: 100, maxDelayMs: 1000, windowMs: 60_000 };

  it("doubles the delay while crashes keep coming, up to the maximum", () => {
    const backoff = restartBackoff(settings);
    expect([0, 1, 2, 3, 4, 5].map((second) => backoff.next(second * 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("is quick again once a window passed without a crash", () => {
    const backoff = restartBackoff(settings);
    backoff.next(0);
    backoff.next(1000);
    expect(backoff.next(30_000)).toBe(400);
    expect(backoff.next(100_000)).toBe(100);
  });
});
