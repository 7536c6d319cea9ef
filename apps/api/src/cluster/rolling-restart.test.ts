import { describe, expect, it } from "vitest";
import {
  type ReplaceablePool,
  type ReplaceableWorker,
  replaceOneByOne,
  serializedReloads,
} from "./rolling-restart.js";

/** An in-memory pool that records what happened, in order; `failStart` workers never serve. */
function fakePool(size: number, failStart: number[] = []) {
  const events: string[] = [];
  let nextId = size + 1;
  let alive: ReplaceableWorker[] = Array.from({ length: size }, (_, slot) => ({
    id: slot + 1,
    slot,
  }));
  const pool: ReplaceablePool<ReplaceableWorker> = {
    serving: () => [...alive],
    alive: () => [...alive],
    start(slot) {
      const worker = { id: nextId++, slot };
      alive.push(worker);
      events.push(`start ${worker.id} in ${slot}`);
      return worker;
    },
    async untilServing(worker) {
      const serves = !failStart.includes(worker.id);
      events.push(`${worker.id} ${serves ? "serves" : "fails"}`);
      return serves;
    },
    async retire(worker) {
      events.push(`drain ${worker.id}`);
      alive = alive.filter((entry) => entry !== worker);
      return { code: 0, signal: null };
    },
    abandon(worker) {
      events.push(`abandon ${worker.id}`);
      alive = alive.filter((entry) => entry !== worker);
    },
  };
  return { pool, events, alive: () => alive };
}

const quietLog = { info() {}, error() {} };
const settings = {
  startTimeoutMs: 1000,
  stopTimeoutMs: 1000,
  stopping: () => false,
  log: quietLog,
};

describe("replaceOneByOne", () => {
  it("starts each new worker, and drains the old one only once the new one serves", async () => {
    const { pool, events, alive } = fakePool(2);
    expect(await replaceOneByOne(pool, settings)).toEqual({ outcome: "complete", replaced: 2 });
    expect(events).toEqual([
      "start 3 in 0",
      "3 serves",
      "drain 1",
      "start 4 in 1",
      "4 serves",
      "drain 2",
    ]);
    expect(alive().map((worker) => worker.id)).toEqual([3, 4]);
  });

  it("stops at a new worker that does not serve, keeping the old ones not yet replaced", async () => {
    const { pool, events, alive } = fakePool(3, [5]);
    expect(await replaceOneByOne(pool, settings)).toEqual({ outcome: "failed", replaced: 1 });
    expect(events.slice(3)).toEqual(["start 5 in 1", "5 fails", "abandon 5"]);
    expect(alive().map((worker) => worker.id)).toEqual([2, 3, 4]);
  });

  it("skips a worker that died meanwhile (its replacement runs the code on disk already)", async () => {
    const { pool, events, alive } = fakePool(3);
    const retire = pool.retire.bind(pool);
    pool.retire = async (worker, timeoutMs) => {
      const end = await retire(worker, timeoutMs);
      // Worker 2 crashes while worker 1 drains.
      if (worker.id === 1)
        alive().splice(
          alive().findIndex((entry) => entry.id === 2),
          1,
        );
      return end;
    };
    expect(await replaceOneByOne(pool, settings)).toEqual({ outcome: "complete", replaced: 2 });
    expect(events).toEqual([
      "start 4 in 0",
      "4 serves",
      "drain 1",
      "start 5 in 2",
      "5 serves",
      "drain 3",
    ]);
  });

  it("stops where it is when the primary shuts down", async () => {
    const { pool, events } = fakePool(3);
    const retire = pool.retire.bind(pool);
    let stopping = false;
    pool.retire = async (worker, timeoutMs) => {
      const end = await retire(worker, timeoutMs);
      stopping = true;
      return end;
    };
    const result = await replaceOneByOne(pool, { ...settings, stopping: () => stopping });
    expect(result).toEqual({ outcome: "stopped", replaced: 1 });
    expect(events).toEqual(["start 4 in 0", "4 serves", "drain 1"]);
  });
});

describe("serializedReloads", () => {
  it("runs one reload at a time, and one more for the requests made during it", async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const reloads = serializedReloads(
      () =>
        new Promise<void>((resolve) => {
          runs += 1;
          finish = resolve;
        }),
      () => false,
    );
    expect(reloads.request()).toBe(true);
    expect([reloads.request(), reloads.request()]).toEqual([false, false]);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
    expect(reloads.request()).toBe(true);
  });
});
