import { openConfiguredDeps } from "@otas/core";
import { buildApp } from "./app.js";
import { primaryChannel } from "./cluster/channel.js";
import { type ApiEnv, databasePoolSize } from "./env.js";
import { type CloseReason, closeGracefully } from "./lifecycle/graceful-close.js";
import { onRetireRequest } from "./lifecycle/leave-rotation.js";
import { openRateLimitStore } from "./limits/open-rate-limit-store.js";
import { answerMetricsRequests } from "./metrics/cluster-metrics.js";
import { startMetricsServer } from "./metrics/metrics-server.js";
import { createServiceMetrics } from "./metrics/service-metrics.js";
import { startSessionSweeper } from "./sessions/session-sweeper.js";

/** Where this process stands: alone, or worker `id` under a primary (node:cluster). */
export type ProcessRole = { kind: "single" } | { kind: "worker"; id: number };

/**
 * Serves the API in this process until SIGTERM/SIGINT (or, in a worker, until its primary asks it
 * to make way for a replacement), then shuts down gracefully (`closeGracefully`: drain, stop
 * listening, serve the connections still open, finish in-flight requests), closes the database
 * and exits 0 — or exits 1 when that takes over SHUTDOWN_TIMEOUT_MS.
 * A worker leaves migrations to its primary, answers the primary's metrics requests instead of
 * serving /metrics itself, and counts rate limits in the primary when the store is `memory`.
 * Every serving process sweeps expired sessions (SESSION_SWEEP_INTERVAL_MS).
 */
export async function serveProcess(env: ApiEnv, role: ProcessRole): Promise<void> {
  const inWorker = role.kind === "worker";
  const metrics = env.METRICS_PORT === undefined ? undefined : createServiceMetrics();
  const warnings: string[] = [];
  const { database, deps } = await openConfiguredDeps(env, {
    migrate: env.MIGRATE_ON_START && !inWorker,
    requireMigrated: !env.MIGRATE_ON_START && !inWorker,
    warn: (message) => warnings.push(message),
    hashingObserver: metrics?.hashingObserver,
    poolSize: databasePoolSize(env, inWorker),
  });
  const rateLimits = await openRateLimitStore(env, database, inWorker);
  const app = await buildApp({
    env,
    deps,
    database,
    rateLimitStore: rateLimits.store,
    metrics,
    ...(inWorker ? { workerId: role.id } : {}),
  });
  for (const message of warnings) app.log.warn(message);
  const sweeper = startSessionSweeper({
    deps,
    intervalMs: env.SESSION_SWEEP_INTERVAL_MS,
    log: app.log,
  });

  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  if (metrics !== undefined && env.METRICS_PORT !== undefined) {
    if (inWorker) {
      answerMetricsRequests(primaryChannel(), metrics.registry);
    } else {
      metricsServer = await startMetricsServer({
        host: env.METRICS_HOST,
        port: env.METRICS_PORT,
        contentType: metrics.registry.contentType,
        collect: () => metrics.registry.metrics(),
        onError: (error) => app.log.error({ err: error }, "metrics collection failed"),
      });
      app.log.info({ metricsAddress: metricsServer.address }, `metrics: ${metricsServer.address}`);
    }
  }

  let closing = false;
  const shutdown = async (reason: CloseReason) => {
    // A process manager may signal the whole process group and the primary forward it too.
    if (closing) return;
    closing = true;
    app.log.info(
      reason === "replaced" ? { reason } : { signal: reason },
      "shutting down: finishing in-flight requests",
    );
    const timer = setTimeout(() => {
      app.log.error("in-flight requests did not finish in time; exiting");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    await closeGracefully(app, reason, env.SHUTDOWN_DRAIN_MS);
    await sweeper.stop();
    await metricsServer?.close();
    await rateLimits.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  if (inWorker) onRetireRequest(primaryChannel(), () => void shutdown("replaced"));
  // SIGHUP asks a primary to replace its workers; a worker (reached when a whole process group
  // is signalled) or a lone process has nothing to replace, and must not die of it.
  process.on("SIGHUP", () => {
    if (inWorker) app.log.info("SIGHUP ignored by a worker: its primary replaces the workers");
    else app.log.warn("SIGHUP ignored: a restart without downtime needs WEB_CONCURRENCY >= 2");
  });

  const address = await app.listen({ port: env.PORT, host: env.HOST });
  app.log.info(
    { address, provider: database.provider },
    `OTAS user service on ${database.provider}: ${address} (docs: ${address}/docs)`,
  );
}
