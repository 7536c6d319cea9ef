import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { databasePoolSize, loadApiEnv } from "./env.js";

describe("loadApiEnv", () => {
  it("leaves PUBLIC_URL unset by default", () => {
    expect(loadApiEnv({}).PUBLIC_URL).toBeUndefined();
  });

  it.each([
    ["https://users.otas.example", "https://users.otas.example"],
    ["https://users.otas.example/", "https://users.otas.example"],
    ["http://127.0.0.1:8000/otas/", "http://127.0.0.1:8000/otas"],
  ])("takes PUBLIC_URL=%s as %s", (value, expected) => {
    expect(loadApiEnv({ PUBLIC_URL: value }).PUBLIC_URL).toBe(expected);
  });

  it.each([
    ["users.otas.example", /PUBLIC_URL: must be an absolute http/],
    ["/relative", /PUBLIC_URL: must be an absolute http/],
    ["ftp://users.otas.example", /PUBLIC_URL: must be an absolute http/],
    ["https://user:secret@users.otas.example", /PUBLIC_URL: must not carry credentials/],
    ["https://users.otas.example/?x=1", /PUBLIC_URL: must not carry credentials/],
    ["https://users.otas.example/#docs", /PUBLIC_URL: must not carry credentials/],
  ])("stops at PUBLIC_URL=%s", (value, message) => {
    expect(() => loadApiEnv({ PUBLIC_URL: value })).toThrow(message);
  });
});

describe("MAX_CONNECTIONS", () => {
  it("defaults to 900, below the common 1024-descriptor limit with room for the database pool", () => {
    expect(loadApiEnv({}).MAX_CONNECTIONS).toBe(900);
    expect(loadApiEnv({ MAX_CONNECTIONS: "5000" }).MAX_CONNECTIONS).toBe(5000);
  });

  it.each(["0", "-1", "many"])("stops at MAX_CONNECTIONS=%s", (value) => {
    expect(() => loadApiEnv({ MAX_CONNECTIONS: value })).toThrow(/MAX_CONNECTIONS/);
  });
});

describe("loadApiEnv: mail settings", () => {
  it("takes an smtp:// or smtps:// URL with MAIL_FROM, and defaults the reset-mail limit", () => {
    const env = loadApiEnv({
      SMTP_URL: "smtps://mailer:p%40ss@smtp.example.com:465",
      MAIL_FROM: "OTAS <no-reply@otas.example>",
    });
    expect(env.SMTP_URL).toBe("smtps://mailer:p%40ss@smtp.example.com:465");
    expect([env.RATE_LIMIT_RESET_MAIL_MAX, env.RATE_LIMIT_RESET_MAIL_WINDOW_MS]).toEqual([
      5, 3_600_000,
    ]);
    expect(loadApiEnv({}).SMTP_URL).toBeUndefined();
  });

  it("stops on another scheme, naming the variable but never its credentials", () => {
    const load = () => loadApiEnv({ SMTP_URL: "http://mailer:hunter22@smtp.example.com" });
    expect(load).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(load).not.toThrow(/hunter22/);
  });

  it("requires MAIL_FROM with SMTP_URL", () => {
    expect(() => loadApiEnv({ SMTP_URL: "smtp://smtp.example.com:587" })).toThrow(
      /MAIL_FROM: required with SMTP_URL/,
    );
  });

  it("polls the outbox every second and retries a refused mail after 1 s, 5 s, 30 s, 2 and 5 min", () => {
    const env = loadApiEnv({});
    expect([env.MAIL_POLL_MS, env.MAIL_RETRY_DELAYS_MS]).toEqual([
      1000,
      [1000, 5000, 30_000, 120_000, 300_000],
    ]);
    expect(loadApiEnv({ MAIL_RETRY_DELAYS_MS: " 50, 100 " }).MAIL_RETRY_DELAYS_MS).toEqual([
      50, 100,
    ]);
  });

  it.each([
    ["MAIL_RETRY_DELAYS_MS", ","],
    ["MAIL_RETRY_DELAYS_MS", "1000,,5000"],
    ["MAIL_RETRY_DELAYS_MS", "1s,5s"],
    ["MAIL_RETRY_DELAYS_MS", "-5"],
    ["MAIL_POLL_MS", "0"],
    ["MAIL_POLL_MS", "often"],
  ])("stops at %s=%j, naming it", (name, value) => {
    expect(() => loadApiEnv({ [name]: value })).toThrow(new RegExp(name));
  });
});

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

  it("shares 10 PostgreSQL connections out among the workers unless DATABASE_POOL_SIZE says", () => {
    const env = (settings: Record<string, string>) => loadApiEnv(settings);
    expect(databasePoolSize(env({ WEB_CONCURRENCY: "1" }), false)).toBe(10);
    expect(databasePoolSize(env({ WEB_CONCURRENCY: "2" }), true)).toBe(5);
    expect(databasePoolSize(env({ WEB_CONCURRENCY: "3" }), true)).toBe(4);
    expect(databasePoolSize(env({ WEB_CONCURRENCY: "16" }), true)).toBe(2);
    expect(databasePoolSize(env({ WEB_CONCURRENCY: "2", DATABASE_POOL_SIZE: "8" }), true)).toBe(8);
    expect(() => loadApiEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});

describe("SESSION_SWEEP_INTERVAL_MS", () => {
  it("sweeps expired sessions every 10 minutes on average by default", () => {
    expect(loadApiEnv({}).SESSION_SWEEP_INTERVAL_MS).toBe(600_000);
    expect(loadApiEnv({ SESSION_SWEEP_INTERVAL_MS: "5000" }).SESSION_SWEEP_INTERVAL_MS).toBe(5000);
  });

  it.each(["0", "999", "often"])("stops at SESSION_SWEEP_INTERVAL_MS=%s", (value) => {
    expect(() => loadApiEnv({ SESSION_SWEEP_INTERVAL_MS: value })).toThrow(
      /SESSION_SWEEP_INTERVAL_MS/,
    );
  });

  it("answers within 10 s, /healthz within 2 s, and gives Redis 1 s, by default", () => {
    const env = loadApiEnv({});
    expect([env.REQUEST_DEADLINE_MS, env.HEALTH_TIMEOUT_MS, env.REDIS_TIMEOUT_MS]).toEqual([
      10_000, 2000, 1000,
    ]);
  });

  it("refuses a request deadline no shorter than the idle socket timeout, or under 100 ms", () => {
    expect(() => loadApiEnv({ REQUEST_DEADLINE_MS: "120000" })).toThrow(
      /REQUEST_DEADLINE_MS: must be less than CONNECTION_TIMEOUT_MS \(120000\)/,
    );
    expect(loadApiEnv({ REQUEST_DEADLINE_MS: "120000", CONNECTION_TIMEOUT_MS: "0" })).toMatchObject(
      { REQUEST_DEADLINE_MS: 120_000 },
    );
    expect(() => loadApiEnv({ REQUEST_DEADLINE_MS: "50" })).toThrow(/REQUEST_DEADLINE_MS/);
    expect(() => loadApiEnv({ HEALTH_TIMEOUT_MS: "0" })).toThrow(/HEALTH_TIMEOUT_MS/);
    expect(() => loadApiEnv({ REDIS_TIMEOUT_MS: "soon" })).toThrow(/REDIS_TIMEOUT_MS/);
  });
});
