import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { TEST_JWT_SECRET } from "./test-server.js";

/** The repository's root: the production command runs from there. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const serverJs = path.join(repoRoot, "apps/api/dist/server.js");

/** A real `node dist/server.js` process. */
export interface ServerProcess {
  url: string;
  /** The Prometheus endpoint, when METRICS_PORT was set. */
  metricsUrl: string | undefined;
  child: ChildProcess;
  /** Every JSON log line it printed. */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** How the process runs, beyond its environment. */
export interface SpawnOptions {
  /** The command and its arguments, e.g. `["node", "apps/api/dist/server.js"]`. */
  command?: [string, ...string[]];
  cwd?: string;
  /** Open files the process may hold (`ulimit -n`, soft and hard): a smaller machine. */
  fileDescriptorLimit?: number;
}

/**
 * Starts the built server on a free loopback port over `databaseUrl` (one process unless `env`
 * sets WEB_CONCURRENCY, bcrypt cost 4, the test JWT secret, limits out of the way unless `env`
 * sets them) and waits until it serves: with workers, until the primary says all of them do.
 */
export async function spawnServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const limit = options.fileDescriptorLimit;
  const [program, ...programArgs] = options.command ?? [process.execPath, serverJs];
  const [command, args] =
    limit === undefined
      ? [program, programArgs]
      : ["/bin/sh", ["-c", `ulimit -n ${limit} && exec "$0" "$@"`, program, ...programArgs]];
  const clustered = Number(env.WEB_CONCURRENCY ?? "1") > 1;
  const child = spawn(command, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: "4",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      RATE_LIMIT_MAX: "1000000",
      WEB_CONCURRENCY: "1",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "otas-proc-")),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  let metricsUrl: string | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.metricsAddress === "string") metricsUrl = entry.metricsAddress;
        const ready = clustered ? typeof entry.workers === "number" : entry.worker === undefined;
        if (typeof entry.address === "string" && ready) resolve(entry.address);
      } catch {
        // Not a log line; ignore.
      }
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening: ${stderr}`)),
    );
  });
  return {
    url,
    metricsUrl,
    child,
    logs,
    exited,
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `server` printed a log line matching `predicate` (or fails after `timeoutMs`). */
export async function waitForLog(
  server: ServerProcess,
  predicate: (line: Record<string, unknown>) => boolean,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = server.logs.find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("the expected log line never came");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The "request completed" log lines of these request ids (their `worker` and `pid` say who answered). */
export async function workersThatAnswered(server: ServerProcess, requestIds: string[]) {
  const wanted = new Set(requestIds);
  const byRequest = new Map<string, Record<string, unknown>>();
  await waitForLog(server, () => {
    for (const line of server.logs) {
      if (line.msg === "request completed" && wanted.has(line.reqId as string)) {
        byRequest.set(line.reqId as string, line);
      }
    }
    return byRequest.size === wanted.size;
  });
  return [...byRequest.values()];
}
