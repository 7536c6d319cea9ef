import { createUserDeps, migrateDatabase, openDatabase, resolveJwtSecret } from "@otas/core";
import { buildApp } from "./app.js";
import { loadApiEnv } from "./env.js";
import { postgresRateLimitStore } from "./limits/postgres-rate-limit-store.js";

async function main() {
  const env = loadApiEnv();
  const warnings: string[] = [];
  const jwtSecret = resolveJwtSecret({
    secret: env.JWT_SECRET,
    production: env.NODE_ENV === "production",
    dataDir: env.DATA_DIR,
    warn: (message) => warnings.push(message),
  });
  if (env.MIGRATE_ON_START) {
    const { unknown } = await migrateDatabase(env.DATABASE_URL);
    if (unknown.length > 0) {
      warnings.push(
        `The database has migrations this build does not know (a newer version migrated it): ${unknown.join(", ")}`,
      );
    }
  }
  const database = await openDatabase(env.DATABASE_URL);
  const deps = createUserDeps(database.client, {
    jwtSecret,
    jwtValidityDays: env.JWT_VALIDITY_DAYS,
    bcryptRounds: env.BCRYPT_ROUNDS,
  });
  const rateLimitStore =
    env.RATE_LIMIT_STORE === "postgres" ? postgresRateLimitStore(database.client) : undefined;
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
