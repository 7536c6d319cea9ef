import { describe, expect, it } from "vitest";
import { restartBackoff, workerRestartPolicy } from "./restart-backoff.js";

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

describe("workerRestartPolicy", () => {
  const settings = { firstDelayMs: 100, maxDelayMs: 30_000, windowMs: 60_000 };
  const death = (slot: number, second: number, othersServing = 1, wasServing = true) => ({
    slot,
    now: second * 1000,
    wasServing,
    othersServing,
  });

  it("backs off each worker's place on its own", () => {
    const policy = workerRestartPolicy(settings);
    expect([0, 1, 2, 3].map((second) => policy.delayMs(death(0, second)))).toEqual([
      100, 200, 400, 800,
    ]);
    expect(policy.delayMs(death(1, 4))).toBe(100);
    expect(policy.delayMs(death(0, 5))).toBe(1600);
  });

  it("replaces at once a worker that was the last one serving", () => {
    const policy = workerRestartPolicy(settings);
    // Ten kills in 15 s, alternating: whenever none is left serving, the replacement is quick.
    const delays = Array.from({ length: 10 }, (_, kill) =>
      policy.delayMs(death(kill % 2, kill * 1.5, kill % 4 === 3 ? 0 : 1)),
    );
    expect(delays.filter((_, kill) => kill % 4 === 3)).toEqual([100, 100]);
    expect(Math.max(...delays)).toBe(1600);
  });

  it("still backs off a worker that dies before it serves, even with none serving", () => {
    const policy = workerRestartPolicy(settings);
    expect([0, 1, 2, 3].map((second) => policy.delayMs(death(0, second, 0, false)))).toEqual([
      100, 200, 400, 800,
    ]);
  });
});
