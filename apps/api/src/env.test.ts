import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadApiEnv } from "./env.js";

describe("loadApiEnv: workers, metrics and the Redis store", () => {
  it("runs one worker per available core, and no metrics, by default", () => {
    const env = loadApiEnv({});
    expect(env.WEB_CONCURRENCY).toBe(availableParallelism());
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.METRICS_HOST).toBe("127.0.0.1");
  });

  it("refuses a worker count below one, naming the variable", () => {
    expect(() => loadApiEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadApiEnv({ WEB_CONCURRENCY: "two" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("needs REDIS_URL for the Redis store, and a redis:// one", () => {
    expect(() => loadApiEnv({ RATE_LIMIT_STORE: "redis" })).toThrow(
      /REDIS_URL: required when RATE_LIMIT_STORE=redis/,
    );
    expect(() =>
      loadApiEnv({ RATE_LIMIT_STORE: "redis", REDIS_URL: "http://127.0.0.1:6379" }),
    ).toThrow(/REDIS_URL: must start with redis:\/\//);
    const env = loadApiEnv({ RATE_LIMIT_STORE: "redis", REDIS_URL: "redis://127.0.0.1:6379/2" });
    expect([env.RATE_LIMIT_STORE, env.REDIS_KEY_PREFIX]).toEqual(["redis", "otas:"]);
  });

  it("refuses a metrics port out of range", () => {
    expect(() => loadApiEnv({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
  });
});
