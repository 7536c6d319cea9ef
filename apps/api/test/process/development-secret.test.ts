import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spawn-server.js";

/** How long a refusing start may take before the test calls it hung and kills it. */
const START_BOUND_MS = 20_000;

/** Starts the built server as in development without JWT_SECRET, bounded; resolves how it ended. */
function startWithout(dataDir: string) {
  return new Promise<{ code: number | null; killed: boolean; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, "apps/api/dist/server.js")],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "development",
          JWT_SECRET: "",
          DATA_DIR: dataDir,
          DATABASE_URL: `file:${path.join(dataDir, "otas.db")}`,
          PORT: "0",
          HOST: "127.0.0.1",
          WEB_CONCURRENCY: "1",
        },
        timeout: START_BOUND_MS,
        killSignal: "SIGKILL",
      },
      (error, _stdout, stderr) => {
        const failed = error as (Error & { code?: unknown; killed?: boolean }) | null;
        resolve({
          code: typeof failed?.code === "number" ? failed.code : failed === null ? 0 : null,
          killed: failed?.killed === true,
          stderr,
        });
      },
    );
  });
}

// The audit's reproduction: a FIFO in place of DATA_DIR/jwt-secret hung start-up (opening it
// waits for a writer). Run as a process, as the hang would stop a test worker for good.
describe.skipIf(process.platform === "win32")("a FIFO as the development secret", () => {
  it(
    "stops the start at once, saying what is wrong",
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "otas-fifo-secret-"));
      execFileSync("mkfifo", ["-m", "600", path.join(dataDir, "jwt-secret")]);
      const start = await startWithout(dataDir);
      expect(start.killed).toBe(false);
      expect(start.code).toBe(1);
      expect(start.stderr).toMatch(
        /JWT_SECRET: unset, and the development secret cannot be used: .*jwt-secret is not a regular file/,
      );
    },
    START_BOUND_MS + 10_000,
  );
});
