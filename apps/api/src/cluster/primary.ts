import type { Address } from "node:cluster";
import { Counter, Gauge, Registry } from "prom-client";
import type { ApiEnv } from "../env.js";
import { prepareOnce, roleLogger } from "../lifecycle/prepare-once.js";
import { answerRateLimitHits } from "../limits/primary-rate-limit-store.js";
import { memoryRateLimitStore } from "../limits/rate-limit-store.js";
import { clusterMetricsCollector } from "../metrics/cluster-metrics.js";
import { startMetricsServer } from "../metrics/metrics-server.js";
import { prepareWithCodeOnDisk } from "./prepare-on-disk.js";
import { replaceOneByOne, serializedReloads } from "./rolling-restart.js";
import { cleanEnd, workerPool } from "./worker-pool.js";

/** Beyond SHUTDOWN_TIMEOUT_MS, what the primary grants its workers before it kills them. */
const SHUTDOWN_MARGIN_MS = 2000;

/** A worker started by a reload that does not serve within this is given up (so is the reload). */
const WORKER_START_TIMEOUT_MS = 60_000;

function formatAddress({ address, port }: Address): string {
  const host = address ?? "localhost";
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The primary of `WEB_CONCURRENCY` workers (node:cluster; they share the port, the primary hands
 * out connections round-robin). It prepares the database once (secret, migrations) before the
 * first worker starts, keeps the workers' rate-limit counters when the store is `memory`, serves
 * the aggregated /metrics, and replaces a crashed worker (each place with its own backoff). On
 * SIGHUP it replaces the workers one at a time with the code now on disk (migrations first), each
 * new one serving before an old one drains; on SIGTERM/SIGINT it lets every worker drain and
 * exits 0 once all of them exited 0. It never serves the API itself.
 */
export async function runPrimary(env: ApiEnv): Promise<void> {
  const log = roleLogger(env, "primary");
  await prepareOnce(env, log);

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
  let stopping = false;
  let ready = false;

  const pool = workerPool({
    forked(worker) {
      if (rateLimits !== undefined) answerRateLimitHits(worker, rateLimits);
    },
    listening(_worker, address) {
      if (ready || pool.serving().length < env.WEB_CONCURRENCY) return;
      ready = true;
      const url = formatAddress(address);
      log.info(
        { address: url, workers: env.WEB_CONCURRENCY },
        `OTAS user service: ${env.WEB_CONCURRENCY} workers on ${url} (docs: ${url}/docs)`,
      );
    },
    servingChanged: (count) => servingGauge.set(count),
    crashed(worker, { code, signal, restartInMs, othersServing }) {
      restarts.inc();
      log.error(
        {
          worker: worker.id,
          workerPid: worker.process.pid,
          code,
          signal,
          restartInMs,
          othersServing,
        },
        `worker ${worker.id} exited unexpectedly; starting a replacement`,
      );
    },
  });

  const metricsServer =
    env.METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({
          host: env.METRICS_HOST,
          port: env.METRICS_PORT,
          contentType: registry.contentType,
          collect: clusterMetricsCollector(
            registry,
            () =>
              pool
                .serving()
                .map((entry) => entry.worker)
                .filter((worker) => worker.isConnected()),
            (workerIds) => log.warn({ workerIds }, "workers did not answer the metrics request"),
          ),
          onError: (error) => log.error({ err: error }, "metrics collection failed"),
        });
  if (metricsServer !== undefined) {
    log.info({ metricsAddress: metricsServer.address }, `metrics: ${metricsServer.address}`);
  }

  const reloads = serializedReloads(
    async () => {
      log.info("reload: replacing the workers one at a time with the code on disk");
      if (!(await prepareWithCodeOnDisk())) {
        log.error("reload stopped: preparing the database with the code on disk failed");
        return;
      }
      const { outcome, replaced } = await replaceOneByOne(pool, {
        startTimeoutMs: WORKER_START_TIMEOUT_MS,
        stopTimeoutMs: env.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS,
        stopping: () => stopping,
        log,
      });
      if (outcome === "complete") log.info({ replaced }, "reload complete");
    },
    () => stopping,
  );

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: every worker drains and finishes in-flight requests");
    const timer = setTimeout(() => {
      log.error("workers did not finish in time; killing them");
      for (const entry of pool.alive()) entry.worker.process.kill("SIGKILL");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS);
    // Workers that crashed earlier were replaced: only those alive now must exit cleanly.
    const alive = pool.stopAll();
    const ends = await Promise.all(alive.map((entry) => entry.ended));
    await metricsServer?.close();
    clearTimeout(timer);
    const failed = alive.filter((_, index) => {
      const end = ends[index];
      return end === undefined || !cleanEnd(end);
    });
    if (failed.length > 0) {
      log.error({ workers: failed.map((entry) => entry.id) }, "workers did not shut down cleanly");
      process.exit(1);
    }
    log.info("every worker shut down cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGHUP", () => {
    if (stopping) log.info("reload ignored: shutting down");
    else if (!reloads.request()) log.info("reload requested while one runs: another follows it");
  });

  for (let slot = 0; slot < env.WEB_CONCURRENCY; slot += 1) pool.start(slot);
}
