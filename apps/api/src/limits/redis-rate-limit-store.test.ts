import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRedisRateLimitStore, type RedisRateLimitStore } from "./redis-rate-limit-store.js";

/** The machine's Redis (see docs/development.md); override with TEST_REDIS_URL. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("the Redis rate-limit store, on a real Redis", () => {
  let store: RedisRateLimitStore;
  beforeAll(async () => {
    // A prefix of its own: other runs on the same Redis never share counters with this one.
    store = await openRedisRateLimitStore(REDIS_URL, `otas-test-${randomUUID()}:`);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("counts hits in a window that starts with the first, then starts again", async () => {
    const first = await store.hit("k", 300);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(0);
    expect(first.resetInMs).toBeLessThanOrEqual(300);
    expect((await store.hit("k", 300)).count).toBe(2);
    expect((await store.hit("other", 300)).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await store.hit("k", 300)).count).toBe(1);
  });

  it("counts concurrent hits exactly", async () => {
    const hits = await Promise.all(Array.from({ length: 50 }, () => store.hit("burst", 60_000)));
    expect(hits.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it("refuses to open when Redis does not answer, naming REDIS_URL", async () => {
    await expect(openRedisRateLimitStore("redis://127.0.0.1:1", "x:")).rejects.toThrow(
      /^REDIS_URL: cannot connect/,
    );
  });
});
