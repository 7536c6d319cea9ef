// The service as production runs it (`NODE_ENV=production node apps/api/dist/server.js`, its
// workers under a primary), started and stopped by the fault runs, its JSON log lines kept.
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
const serverJs = path.join(repoRoot, "apps/api/dist/server.js");
export const JWT_SECRET = "fault-injection-secret-that-is-32-bytes-or-more";

/** A service that has not said it serves within this is reported as failing to start. */
const START_TIMEOUT_MS = 60_000;

/**
 * Starts the production command on `port` over `databaseUrl` with `workers` workers (bcrypt
 * cost 4 and rate limits out of the way, so the load measures the faults, not the hashing) and
 * resolves once every worker serves. Its log lines go to `logFile` and stay in `logs`.
 */
export async function startService({ databaseUrl, port, workers = 2, env = {}, logFile }) {
  const child = spawn(process.execPath, [serverJs], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      JWT_SECRET,
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "otas-faults-data-")),
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: String(workers),
      BCRYPT_ROUNDS: "4",
      RATE_LIMIT_MAX: "1000000000",
      RATE_LIMIT_ACCOUNT_MAX: "1000000000",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (logFile) appendFileSync(logFile, chunk);
  });
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the service did not serve within ${START_TIMEOUT_MS / 1000} s: ${stderr}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (logFile) appendFileSync(logFile, `${line}\n`);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      logs.push(entry);
      const ready = workers > 1 ? typeof entry.workers === "number" : entry.worker === undefined;
      if (typeof entry.address === "string" && ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}) before serving: ${stderr}`));
    });
  });
  return {
    url,
    port,
    child,
    logs,
    exited,
    /** The pids of the workers that said they serve, newest last. */
    workerPids: () =>
      logs
        .filter((entry) => typeof entry.worker === "number" && typeof entry.address === "string")
        .map((entry) => entry.pid),
    /** Waits for a log line matching `predicate` (at most `timeoutMs`). */
    async waitForLog(predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(predicate);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error("the awaited log line never came");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `url`/healthz answers 200 (at most `timeoutMs`). */
export async function untilHealthy(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s`);
}

/**
 * What /healthz answers now, on a connection of its own (so that with workers the primary may
 * hand it to any of them): its status (0: no answer) and how long it took, at most `boundMs`.
 */
function probeHealth(url, boundMs = 20_000) {
  const started = performance.now();
  const done = (status) => ({ status, ms: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    const probe = get(`${url}/healthz`, { agent: false, timeout: boundMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(done(response.statusCode)));
    });
    probe.on("timeout", () => probe.destroy());
    probe.on("error", () => resolve(done(0)));
  });
}

/**
 * Asks /healthz at each of `delaysMs` from now (each on its own connection) and reports the
 * worst answer: none, then the slowest.
 */
export async function worstHealth(url, delaysMs) {
  const probes = await Promise.all(
    delaysMs.map((delay) =>
      new Promise((resolve) => setTimeout(resolve, delay)).then(() => probeHealth(url)),
    ),
  );
  const worst = probes.reduce((a, b) =>
    (a.status === 0) !== (b.status === 0) ? (a.status === 0 ? a : b) : a.ms >= b.ms ? a : b,
  );
  return `${worst.status || "none"} in ${worst.ms} ms`;
}
