import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type OutboxPollerOptions, startOutboxPoller } from "./outbox-poller.js";

/** A poller over `steps` (each answers whether there was work, or throws), recording when it ran. */
function poller(steps: (() => Promise<boolean>)[], options: Partial<OutboxPollerOptions> = {}) {
  const calls: number[] = [];
  const events: string[] = [];
  const instance = startOutboxPoller({
    intervalMs: 1000,
    step: async () => {
      calls.push(Date.now());
      const next = steps.shift();
      return next === undefined ? false : next();
    },
    onError: (error, firstInARow) => void events.push(`${(error as Error).message} ${firstInARow}`),
    onRecovered: () => void events.push("recovered"),
    ...options,
  });
  return { instance, calls, events };
}

const work = async () => true;
const fail = (message: string) => async () => {
  throw new Error(message);
};

// The clock is vitest's: waits are checked exactly, whatever else the machine is doing.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startOutboxPoller", () => {
  it("runs nothing at once, then works until a step finds nothing, then waits again", async () => {
    // random() = 0: every wait is half the interval.
    const { instance, calls } = poller([work, work, work], { random: () => 0 });
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    // Three steps with work and one without, then nothing until the next wait is over.
    expect(calls).toEqual([500, 500, 500, 500]);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([500, 500, 500, 500, 1000]);
    await instance.close(1000);
  });

  it("ends a poll after 100 steps with work, and goes on at the next", async () => {
    const { instance, calls } = poller(Array(150).fill(work), { random: () => 0 });
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(100);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(151);
    await instance.close(1000);
  });

  it("draws each wait between half and one and a half of the interval", async () => {
    const draws = [0.999, 0.25];
    const { instance, calls } = poller([], { random: () => draws.shift() ?? 0.5 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.slice(0, 3)).toEqual([1499, 1499 + 750, 1499 + 750 + 1000]);
    await instance.close(1000);
  });

  it("reports the first failure of a run of them, and the recovery", async () => {
    const { instance, events } = poller([fail("down"), fail("still down"), work], {
      random: () => 0,
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(events).toEqual(["down true", "still down false", "recovered"]);
    await instance.close(1000);
  });

  it("on close, starts nothing more and waits for the step under way, up to a bound", async () => {
    let finished = false;
    const long = () =>
      new Promise<boolean>((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve(true);
        }, 300),
      );
    const { instance, calls } = poller([long], { random: () => 0 });
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);
    let closed = false;
    const closing = instance.close(1000).then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);

    const stuck = poller([() => new Promise<boolean>(() => {})], { random: () => 0 });
    await vi.advanceTimersByTimeAsync(500);
    let gaveUp = false;
    const waiting = stuck.instance.close(50).then(() => {
      gaveUp = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(gaveUp).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(gaveUp).toBe(true);
  });
});
