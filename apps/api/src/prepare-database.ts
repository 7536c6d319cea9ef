import { loadApiEnv } from "./env.js";
import { prepareOnce, roleLogger } from "./lifecycle/prepare-once.js";

/**
 * `node apps/api/dist/prepare-database.js`: what the server does once before its workers start
 * ({@link prepareOnce}), then exit. A primary runs the one on disk when told to replace its
 * workers (SIGHUP), so the migrations a deploy brings are applied by the new code before any new
 * worker serves.
 */
async function main() {
  const env = loadApiEnv();
  const log = roleLogger(env, "prepare");
  await prepareOnce(env, log);
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
