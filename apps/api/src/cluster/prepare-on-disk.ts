import { spawn } from "node:child_process";
import cluster from "node:cluster";
import path from "node:path";

/** The preparation of a reload may apply migrations: this long at most. */
const PREPARE_TIMEOUT_MS = 600_000;

/**
 * Runs `prepare-database.js` from the folder of the entry the workers are started from (the code
 * now on disk, which may be a newer build than this primary's), with this process's settings.
 * @returns whether it succeeded (exit 0 within its time); its own output says why not.
 */
export function prepareWithCodeOnDisk(): Promise<boolean> {
  const entry = cluster.settings.exec ?? process.argv[1] ?? "";
  const script = path.join(path.dirname(entry), "prepare-database.js");
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: "inherit" });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), PREPARE_TIMEOUT_MS);
    child.once("error", () => resolve(false));
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
