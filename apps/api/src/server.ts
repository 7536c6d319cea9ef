import cluster from "node:cluster";
import { loadApiEnv } from "./env.js";
import { boundHeapGrowth } from "./lifecycle/heap-growth.js";

/**
 * The server's entry: `node apps/api/dist/server.js`. With WEB_CONCURRENCY above 1 this process
 * becomes the primary of that many workers (each of which runs this file again as a worker);
 * otherwise it serves alone. Each role loads only its own modules, so the primary stays small.
 */
async function main() {
  const env = loadApiEnv();
  if (cluster.isPrimary && env.WEB_CONCURRENCY > 1) {
    const { runPrimary } = await import("./cluster/primary.js");
    await runPrimary(env);
    return;
  }
  boundHeapGrowth();
  const { serveProcess } = await import("./serve-process.js");
  const worker = cluster.worker;
  await serveProcess(
    env,
    worker === undefined ? { kind: "single" } : { kind: "worker", id: worker.id },
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
