import cluster, { type Worker } from "node:cluster";
import { hostname } from "node:os";
import { prepareConfiguredDatabase } from "@otas/core";
import { pino } from "pino";
import { Counter, Gauge, Registry } from "prom-client";
import type { ApiEnv } from "../env.js";
import { answerRateLimitHits } from "../limits/primary-rate-limit-store.js";
import { memoryRateLimitStore } from "../limits/rate-limit-store.js";
import { clusterMetricsCollector } from "../metrics/cluster-metrics.js";
import { startMetricsServer } from "../metrics/metrics-server.js";
import { restartBackoff } from "./restart-backoff.js";

/** Beyond SHUTDOWN_TIMEOUT_MS, what the primary grants its workers before it kills them. */
const SHUTDOWN_MARGIN_MS = 2000;

/** How a worker ended: its exit code, or the signal that ended it. */
interface WorkerEnd {
  code: number | null;
  signal: string | null;
}

/**
 * A worker shut down cleanly when it exited 0 — or when the stop signal ended it before it
 * installed its own handler, which it does before it listens: it had served nothing.
 */
function cleanEnd(end: WorkerEnd | undefined): boolean {
  return (
    end !== undefined && (end.code === 0 || end.signal === "SIGTERM" || end.signal === "SIGINT")
  );
}

function formatAddress({ address, port }: { address: string; port: number }): string {
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}

/**
 * The primary of `WEB_CONCURRENCY` workers (node:cluster; they share the port, the primary hands
 * out connections round-robin). It prepares the database once (secret, migrations) before the
 * first worker starts, keeps the workers' rate-limit counters when the store is `memory`, serves
 * the aggregated /metrics, replaces a crashed worker (with backoff), and on SIGTERM/SIGINT lets
 * every worker drain and exits 0 once all of them exited 0. It never serves the API itself.
 */
export async function runPrimary(env: ApiEnv): Promise<void> {
  const log = pino({
    level: env.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), role: "primary" },
  });
  await prepareConfiguredDatabase(env, {
    migrate: env.MIGRATE_ON_START,
    requireMigrated: !env.MIGRATE_ON_START,
    warn: (message) => log.warn(message),
  });

  const registry = new Registry();
  const restarts = new Counter({
    name: "otas_worker_restarts_total",
    help: "Workers that exited unexpectedly and were replaced.",
    registers: [registry],
  });
  const servingGauge = new Gauge({
    name: "otas_workers_serving",
    help: "Workers listening right now (WEB_CONCURRENCY when all are up).",
    registers: [registry],
  });
  const rateLimits = env.RATE_LIMIT_STORE === "memory" ? memoryRateLimitStore() : undefined;
  const serving = new Map<number, Worker>();
  const exits = new Map<number, Promise<WorkerEnd>>();
  const backoff = restartBackoff();
  const pendingForks = new Set<NodeJS.Timeout>();
  let stopping = false;
  let ready = false;

  const fork = () => {
    const worker = cluster.fork();
    if (rateLimits !== undefined) answerRateLimitHits(worker, rateLimits);
    worker.once("listening", (address) => {
      serving.set(worker.id, worker);
      servingGauge.set(serving.size);
      if (!ready && serving.size === env.WEB_CONCURRENCY) {
        ready = true;
        const url = formatAddress(address);
        log.info(
          { address: url, workers: env.WEB_CONCURRENCY },
          `OTAS user service: ${env.WEB_CONCURRENCY} workers on ${url} (docs: ${url}/docs)`,
        );
      }
    });
    exits.set(
      worker.id,
      new Promise((resolve) => {
        worker.once("exit", (code, signal) => {
          serving.delete(worker.id);
          servingGauge.set(serving.size);
          resolve({ code, signal });
          if (stopping) return;
          restarts.inc();
          const delayMs = backoff.next(Date.now());
          log.error(
            {
              worker: worker.id,
              workerPid: worker.process.pid,
              code,
              signal,
              restartInMs: delayMs,
            },
            `worker ${worker.id} exited unexpectedly; starting a replacement`,
          );
          const timer = setTimeout(() => {
            pendingForks.delete(timer);
            fork();
          }, delayMs);
          pendingForks.add(timer);
        });
      }),
    );
  };

  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({
          host: env.METRICS_HOST,
          port: env.METRICS_PORT,
          contentType: registry.contentType,
          collect: clusterMetricsCollector(
            registry,
            () => [...serving.values()].filter((worker) => worker.isConnected()),
            (workerIds) => log.warn({ workerIds }, "workers did not answer the metrics request"),
          ),
          onError: (error) => log.error({ err: error }, "metrics collection failed"),
        });
  if (metricsServer !== undefined) {
    log.info({ metricsAddress: metricsServer.address }, `metrics: ${metricsServer.address}`);
  }

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: every worker drains and finishes in-flight requests");
    for (const timer of pendingForks) clearTimeout(timer);
    const timer = setTimeout(() => {
      log.error("workers did not finish in time; killing them");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS);
    // Workers that crashed earlier were replaced: only those alive now must exit cleanly.
    const alive = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    for (const worker of alive) worker.process.kill("SIGTERM");
    const ends = await Promise.all(alive.map((worker) => exits.get(worker.id)));
    await metricsServer?.close();
    clearTimeout(timer);
    const failed = alive.filter((_, index) => !cleanEnd(ends[index])).map((worker) => worker.id);
    if (failed.length > 0) {
      log.error({ workers: failed }, "workers did not shut down cleanly");
      process.exit(1);
    }
    log.info("every worker shut down cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  for (let i = 0; i < env.WEB_CONCURRENCY; i += 1) fork();
}
