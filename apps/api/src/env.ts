import { availableParallelism } from "node:os";
import { coreEnvSchema, parseEnv, refineCoreEnv } from "@otas/core";
import { z } from "zod";

const milliseconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** A comma-separated list, entries trimmed, empty ones dropped. */
const commaSeparated = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    );

/**
 * The settings that keep abuse and slow clients from exhausting the server: rate limits on
 * create and login, timeouts, header size and the shutdown grace. Part of the API's env schema.
 */
const limitSettings = {
  /**
   * Calls of each password-hashing procedure (create, login, password change) one client address
   * may make per window.
   */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(20),
  /** Logins, and password changes, one account may receive per window, from any address. */
  RATE_LIMIT_ACCOUNT_MAX: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Password-reset mails one email address may be sent per `RATE_LIMIT_RESET_MAIL_WINDOW_MS`,
   * whoever asks: a mailbox cannot be flooded.
   */
  RATE_LIMIT_RESET_MAIL_MAX: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_RESET_MAIL_WINDOW_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /**
   * `memory`: this machine's counters (one process's, or the primary's for all its workers);
   * `postgres` or `redis`: counters shared by every process on every machine.
   */
  RATE_LIMIT_STORE: z.enum(["memory", "postgres", "redis"]).default("memory"),
  /** The Redis server of `RATE_LIMIT_STORE=redis`, e.g. redis://127.0.0.1:6379/0. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  /** Prefix of every key this service writes in Redis (several services may share one). */
  REDIS_KEY_PREFIX: z.string().min(1).default("otas:"),
  /**
   * Addresses or CIDRs of the proxies whose `X-Forwarded-For` is believed (comma-separated);
   * unset trusts no proxy, so the client address is the TCP peer's.
   */
  TRUST_PROXY: commaSeparated(""),
  /**
   * Receiving a request, headers and body, from its first byte (Node's `requestTimeout`): a
   * client still sending after this gets 408. It does not bound the answer: see
   * REQUEST_DEADLINE_MS.
   */
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  /**
   * Once a request is received, its answer is due within this: database waits are cut to the
   * time left, and past it the caller gets `server_error: <request id>` (503 over tRPC), with
   * nothing of the request committed afterwards.
   */
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** `/healthz` answers 503 when the database has not answered within this. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Redis: connecting, and each command; past it the call is answered `server_error`. */
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Until the request's headers are complete (Node's `headersTimeout`): stops slow-loris. */
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  /** A socket with no traffic at all is closed after this (Fastify's `connectionTimeout`). */
  CONNECTION_TIMEOUT_MS: milliseconds(120_000),
  /** An idle keep-alive connection is kept this long; above the load balancer's idle timeout. */
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(72_000),
  /**
   * Open connections (idle keep-alive ones included) the process accepts at once; beyond it, the
   * silent, slow-header and idle ones make room, or else the new one is refused. Keep it below
   * the process's file descriptor limit (`ulimit -n`) with room for the database pool and files,
   * and above what the load balancer keeps open to one process.
   */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(900),
  /** Larger request headers get 431. */
  MAX_HEADER_SIZE_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(16_384),
  /**
   * After SIGTERM/SIGINT, how long the server keeps answering and accepting (/healthz 503, so a
   * balancer moves away) before it stops listening; then it serves the connections still open,
   * each answer closing its connection, until they end, for as long again at most.
   */
  SHUTDOWN_DRAIN_MS: milliseconds(1000),
  /** Drain plus in-flight requests must finish within this after the signal, or exit 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
};

/** Rules across settings: Node refuses a headers timeout longer than the request timeout. */
function refineLimits(
  env: {
    HEADERS_TIMEOUT_MS: number;
    REQUEST_TIMEOUT_MS: number;
    REQUEST_DEADLINE_MS: number;
    CONNECTION_TIMEOUT_MS: number;
    RATE_LIMIT_STORE: string;
    REDIS_URL?: string | undefined;
    DATABASE_URL: string;
    SHUTDOWN_DRAIN_MS: number;
    SHUTDOWN_TIMEOUT_MS: number;
    SMTP_URL?: string | undefined;
    MAIL_FROM?: string | undefined;
  },
  context: z.RefinementCtx,
): void {
  if (env.REQUEST_TIMEOUT_MS > 0 && env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    context.addIssue({
      code: "custom",
      path: ["HEADERS_TIMEOUT_MS"],
      message: `must not exceed REQUEST_TIMEOUT_MS (${env.REQUEST_TIMEOUT_MS})`,
    });
  }
  // A socket idle for CONNECTION_TIMEOUT_MS is destroyed, without an answer: a request waiting
  // on the database must get its deadline's answer first.
  if (env.CONNECTION_TIMEOUT_MS > 0 && env.REQUEST_DEADLINE_MS >= env.CONNECTION_TIMEOUT_MS) {
    context.addIssue({
      code: "custom",
      path: ["REQUEST_DEADLINE_MS"],
      message: `must be less than CONNECTION_TIMEOUT_MS (${env.CONNECTION_TIMEOUT_MS})`,
    });
  }
  // A stop drains while accepting for SHUTDOWN_DRAIN_MS, then waits up to as long again for the
  // connections still open: both must fit in the timeout.
  if (2 * env.SHUTDOWN_DRAIN_MS >= env.SHUTDOWN_TIMEOUT_MS) {
    context.addIssue({
      code: "custom",
      path: ["SHUTDOWN_DRAIN_MS"],
      message: `twice it must be less than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS})`,
    });
  }
  if (env.RATE_LIMIT_STORE === "postgres" && !/^postgres(ql)?:\/\//i.test(env.DATABASE_URL)) {
    context.addIssue({
      code: "custom",
      path: ["RATE_LIMIT_STORE"],
      message: "postgres needs a postgresql:// DATABASE_URL",
    });
  }
  if (env.SMTP_URL !== undefined && env.MAIL_FROM === undefined) {
    context.addIssue({
      code: "custom",
      path: ["MAIL_FROM"],
      message: "required with SMTP_URL (the sender of password-reset mails)",
    });
  }
  if (env.RATE_LIMIT_STORE === "redis" && env.REDIS_URL === undefined) {
    context.addIssue({
      code: "custom",
      path: ["REDIS_URL"],
      message: "required when RATE_LIMIT_STORE=redis",
    });
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The URL clients reach this service at, e.g. `https://users.otas.example` (a path prefix is
 * kept, a trailing slash dropped). It is the OpenAPI document's server, where the docs page's
 * "Try it out" sends its requests, passwords included, so it comes from configuration and
 * never from a request's Host header.
 */
const publicUrl = z
  .url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })
  .refine((value) => {
    // Not a URL at all is reported by the check above.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === "" && url.password === "" && url.search === "" && url.hash === "";
  }, "must not carry credentials, a query or a fragment")
  .transform((value) => value.replace(/\/+$/, ""));

/** The API's settings: core's plus the server's own. */
export const apiEnvSchema = coreEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8000),
  HOST: z.string().min(1).default("localhost"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  CORS_ORIGINS: commaSeparated("*").describe('"*" for any origin, or a comma-separated allow-list'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  PUBLIC_URL: publicUrl.optional(),
  /**
   * The SMTP server password-reset mails go through, credentials included:
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS).
   * Unset: mails are written to DATA_DIR/outbox, or in production recovery by email is off.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of password-reset mails, e.g. `OTAS <no-reply@otas.example>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * How often each serving process looks for reset mails to send in the database's outbox, on
   * average (each wait is drawn between half and one and a half of it).
   */
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /**
   * Waits before the retries of a reset mail the server refused (comma-separated ms); the last
   * one repeats until the mail's link expires, when the mail is dropped.
   */
  MAIL_RETRY_DELAYS_MS: z
    .string()
    .default("1000,5000,30000,120000,300000")
    .transform((value, context) => {
      const delays = value.split(",").map((entry) => entry.trim());
      if (delays.length === 0 || !delays.every((entry) => /^\d{1,9}$/.test(entry))) {
        context.addIssue({
          code: "custom",
          message: "must be comma-separated whole milliseconds, e.g. 1000,5000,30000",
        });
        return z.NEVER;
      }
      return delays.map(Number);
    }),
  /**
   * Worker processes serving on one port (node:cluster), by default one per available core.
   * 1 runs one plain process, with no primary above it.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  /**
   * PostgreSQL connections per serving process. Default: 10 in one process, shared out among
   * workers (10 / WEB_CONCURRENCY, at least 2), so adding workers does not multiply the
   * connections a machine holds.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /**
   * Port of the Prometheus endpoint `GET /metrics` (all workers aggregated), on its own listener
   * so it is never reachable through the API's port; unset: no metrics. 0 picks a free port.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** Interface of the metrics listener: loopback unless a scraper elsewhere must reach it. */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * How often, on average, each serving process deletes expired sessions and sign-out records
   * (in bounded batches; any number of processes may sweep at once). Default 10 minutes.
   */
  SESSION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(600_000),
  ...limitSettings,
});

export type ApiEnv = z.output<typeof apiEnvSchema>;

/** Reads the API's settings from `env` (the process environment by default). */
export function loadApiEnv(env: Record<string, string | undefined> = process.env): ApiEnv {
  return parseEnv(
    apiEnvSchema.superRefine((parsed, context) => {
      refineCoreEnv(parsed, context);
      refineLimits(parsed, context);
    }),
    env,
  );
}

/** Every setting at its default, for callers of `buildApp` that leave some out. */
export const apiEnvDefaults: ApiEnv = loadApiEnv({});

/**
 * PostgreSQL connections of one serving process: `DATABASE_POOL_SIZE`, or by default 10 for the
 * machine, shared out among its workers (at least 2 each).
 */
export function databasePoolSize(
  env: Pick<ApiEnv, "DATABASE_POOL_SIZE" | "WEB_CONCURRENCY">,
  inWorker: boolean,
): number {
  if (env.DATABASE_POOL_SIZE !== undefined) return env.DATABASE_POOL_SIZE;
  return inWorker ? Math.max(2, Math.ceil(10 / env.WEB_CONCURRENCY)) : 10;
}
