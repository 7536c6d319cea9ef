import { hostname } from "node:os";
import { prepareConfiguredDatabase } from "@otas/core";
import { pino } from "pino";
import { loadApiEnv } from "./env.js";

/**
 * `node apps/api/dist/prepare-database.js`: what the server does once before its workers start —
 * the development JWT secret and, with MIGRATE_ON_START, the pending migrations (without it, the
 * check that none is pending) — then exit. A
 * primary runs the one on disk when told to replace its workers (SIGHUP), so the migrations a
 * deploy brings are applied by the new code before any new worker serves.
 */
async function main() {
  const env = loadApiEnv();
  const log = pino({
    level: env.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), role: "prepare" },
  });
  await prepareConfiguredDatabase(env, {
    migrate: env.MIGRATE_ON_START,
    requireMigrated: !env.MIGRATE_ON_START,
    warn: (message) => log.warn(message),
  });
  log.info("database prepared");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `Could not prepare the database: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
