import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { TEST_JWT_SECRET } from "./test-server.js";

const serverJs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/server.js");

/** A real `node dist/server.js` process. */
export interface ServerProcess {
  url: string;
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
  /** Open files the process may hold (`ulimit -n`, soft and hard): a smaller machine. */
  fileDescriptorLimit?: number;
}

/**
 * Starts the built server on a free loopback port over `databaseUrl` (bcrypt cost 4, the test
 * JWT secret, limits out of the way unless `env` sets them) and waits until it listens.
 */
export async function spawnServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const limit = options.fileDescriptorLimit;
  const [command, args] =
    limit === undefined
      ? [process.execPath, [serverJs]]
      : ["/bin/sh", ["-c", `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, serverJs]];
  const child = spawn(command, args, {
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
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.address === "string") resolve(entry.address);
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
    child,
    logs,
    exited,
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
