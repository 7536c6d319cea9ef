import { openConfiguredDeps } from "@otas/core";
import { buildApp } from "./app.js";
import { loadApiEnv } from "./env.js";
import { postgresRateLimitStore } from "./limits/postgres-rate-limit-store.js";

async function main() {
  const env = loadApiEnv();
  const warnings: string[] = [];
  const { database, deps } = await openConfiguredDeps(env, {
    migrate: env.MIGRATE_ON_START,
    warn: (message) => warnings.push(message),
  });
  const rateLimitStore =
    env.RATE_LIMIT_STORE === "postgres" ? postgresRateLimitStore(database.sql) : undefined;
  const app = await buildApp({ env, deps, database, rateLimitStore });
  for (const message of warnings) app.log.warn(message);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const timer = setTimeout(() => {
      app.log.error("in-flight requests did not finish in time; exiting");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    app.startDraining();
    await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DRAIN_MS));
    await app.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  const address = await app.listen({ port: env.PORT, host: env.HOST });
  app.log.info(
    { address, provider: database.provider },
    `OTAS user service on ${database.provider}: ${address} (docs: ${address}/docs)`,
  );
}

main().catch((error: unknown) => {
  // Start-up errors (a bad setting, an unreachable database) say what is wrong in their message;
  // a stack trace would only bury it.
  console.error(
    `Could not start the OTAS user service: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
