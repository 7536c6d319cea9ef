import type { RateLimitBucket, SignOutKind } from "@otas/api";
import type { HashingObserver } from "@otas/core";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { isDatabaseFailure } from "./database-failure.js";
import { createResetMailMetrics, type ResetMailMetrics } from "./reset-mail-metrics.js";

/** Request durations in seconds: fine below 100 ms (the reads), coarse up to bcrypt's seconds. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HASHING_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What one API process records, in its own registry (scraped directly, or by the primary). */
export interface ServiceMetrics {
  registry: Registry;
  /** Given to core's bcrypt hasher: hashing durations and the queue of hashing calls. */
  hashingObserver: HashingObserver;
  /** One answered request: `route` is the route's pattern, never the raw URL. */
  requestAnswered(route: string, method: string, status: number, seconds: number): void;
  /** A failure answered `server_error`, counted as `database` or `other`. */
  unexpectedFailure(error: unknown): void;
  rateLimitRefused(bucket: RateLimitBucket, scope: "address" | "account"): void;
  resetMails: ResetMailMetrics;
  /** A sign-out, or sessions ended, by `kind`. */
  signedOut(kind: SignOutKind): void;
  /**
   * Where `otas_sessions_live` is read from at each scrape (the database's count, which every
   * process shares: workers' values are not summed but the largest taken).
   */
  countLiveSessionsWith(count: () => Promise<number>): void;
}

/** Kinds of sign-out, each present at zero from the start. */
const SIGN_OUT_KINDS: readonly SignOutKind[] = [
  "sign_out",
  "sign_out_everywhere",
  "end_session",
  "end_other_sessions",
];

/** A scrape waits at most this long for the database's count of live sessions. */
const LIVE_SESSIONS_TIMEOUT_MS = 1000;

/**
 * The service's metrics plus Node's default process metrics (CPU, memory, heap, event-loop lag,
 * handles), in a registry of their own so several apps in one test process never collide.
 */
export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by route pattern, method and status.",
    labelNames: ["route", "method", "status_code"] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const hashing = new Histogram({
    name: "otas_password_hashing_duration_seconds",
    help: "Time of a bcrypt hash or check, from the call to its result (waiting for a thread included).",
    labelNames: ["operation"] as const,
    buckets: HASHING_BUCKETS,
    registers,
  });
  const hashingQueue = new Gauge({
    name: "otas_password_hashing_queue_length",
    help: "bcrypt calls started and not finished: running on libuv's threads or waiting for one.",
    registers,
  });
  const failures = new Counter({
    name: "otas_unexpected_failures_total",
    help: "Requests answered server_error, by kind: database (the database failed) or other.",
    labelNames: ["kind"] as const,
    registers,
  });
  const refusals = new Counter({
    name: "otas_rate_limit_refusals_total",
    help: "Calls refused with rate_limited, by bucket and by what was counted (address or account).",
    labelNames: ["bucket", "scope"] as const,
    registers,
  });
  const signOuts = new Counter({
    name: "otas_sign_outs_total",
    help: "Sign-outs and ended sessions, by kind: sign_out, sign_out_everywhere, end_session, end_other_sessions.",
    labelNames: ["kind"] as const,
    registers,
  });
  let countLiveSessions: (() => Promise<number>) | undefined;
  new Gauge({
    name: "otas_sessions_live",
    help: "Unexpired sessions in the database, of every user (read at each scrape).",
    registers,
    // Every process reads the same database: its count is not to be summed over workers.
    aggregator: "max",
    async collect() {
      if (countLiveSessions === undefined) return;
      const count = await withTimeout(countLiveSessions(), LIVE_SESSIONS_TIMEOUT_MS);
      // A database that does not answer in time leaves the last count in place.
      if (count !== undefined) this.set(count);
    },
  });
  // Present at zero before the first failure, so a dashboard's rate() has a series to start from.
  failures.inc({ kind: "database" }, 0);
  failures.inc({ kind: "other" }, 0);
  const resetMails = createResetMailMetrics(registry);
  for (const kind of SIGN_OUT_KINDS) signOuts.inc({ kind }, 0);
  return {
    registry,
    hashingObserver: {
      started: () => hashingQueue.inc(),
      finished(operation, seconds) {
        hashingQueue.dec();
        hashing.observe({ operation }, seconds);
      },
    },
    requestAnswered(route, method, status, seconds) {
      requests.observe({ route, method, status_code: status }, seconds);
    },
    unexpectedFailure(error) {
      failures.inc({ kind: isDatabaseFailure(error) ? "database" : "other" });
    },
    rateLimitRefused(bucket, scope) {
      refusals.inc({ bucket, scope });
    },
    resetMails,
    signedOut(kind) {
      signOuts.inc({ kind });
    },
    countLiveSessionsWith(count) {
      countLiveSessions = count;
    },
  };
}

/** What `promise` resolves with within `milliseconds`, or undefined (a failure included). */
async function withTimeout<Value>(promise: Promise<Value>, milliseconds: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, milliseconds, undefined);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
