import { describe, expect, it } from "vitest";
import { memoryRateLimitStore } from "./rate-limit-store.js";

describe("memoryRateLimitStore", () => {
  it("counts hits in a window that starts with the first, then starts again", async () => {
    let now = 1000;
    const store = memoryRateLimitStore({ now: () => now });
    expect(await store.hit("k", 500)).toEqual({ count: 1, resetInMs: 500 });
    now = 1400;
    expect(await store.hit("k", 500)).toEqual({ count: 2, resetInMs: 100 });
    expect(await store.hit("other", 500)).toEqual({ count: 1, resetInMs: 500 });
    now = 1500;
    expect(await store.hit("k", 500)).toEqual({ count: 1, resetInMs: 500 });
  });

  it("keeps at most maxKeys counters, dropping the oldest windows first", async () => {
    const store = memoryRateLimitStore({ maxKeys: 3 });
    for (const key of ["a", "b", "c", "d"]) await store.hit(key, 60_000);
    expect(store.size()).toBe(3);
    expect((await store.hit("d", 60_000)).count).toBe(2);
    expect((await store.hit("a", 60_000)).count).toBe(1);
  });
});
