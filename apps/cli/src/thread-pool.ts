import { spawn } from "node:child_process";
import { constants } from "node:os";

/** libuv's thread pool size when UV_THREADPOOL_SIZE is not set. */
export const DEFAULT_THREAD_POOL_SIZE = 4;

/**
 * The pool an import of `concurrency` rows at a time wants: one thread per row hashing, but no
 * more than the cores, since bcrypt is pure computation and extra threads would only take turns.
 */
export function wantedThreadPoolSize(concurrency: number, cores: number): number {
  return Math.min(concurrency, cores);
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs this same command again in a child Node process whose libuv thread pool has `size`
 * threads, and resolves with the child's exit status. bcrypt hashes run on that pool, so it
 * caps how many hash at once; libuv sizes it on first use, and Node's ESM loader has used it
 * before any of our code runs, so setting UV_THREADPOOL_SIZE from inside would be too late.
 * The child shares stdin, stdout and stderr, and gets the signals this process gets.
 */
export function rerunWithThreadPool(size: number): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, UV_THREADPOOL_SIZE: String(size) },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      for (const name of FORWARDED_SIGNALS) process.off(name, forward);
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
