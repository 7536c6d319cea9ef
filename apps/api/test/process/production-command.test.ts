import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { repoRoot, spawnServer, waitForLog } from "../support/spawn-server.js";

const PRODUCTION_COMMAND = "node apps/api/dist/server.js";

/** The README's "Running in production" section. */
function productionSection(): string {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("## Running in production");
  return readme.slice(start, readme.indexOf("\n## ", start + 1));
}

describe("the production command", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("is the one the README documents", () => {
    expect(productionSection()).toContain(PRODUCTION_COMMAND);
  });

  it("runs the built server with nothing above it, and SIGTERM to its pid drains every worker and exits 0", async () => {
    const server = await spawnServer(
      database.url,
      { NODE_ENV: "production", WEB_CONCURRENCY: "2" },
      { command: ["node", ...PRODUCTION_COMMAND.split(" ").slice(1)], cwd: repoRoot },
    );
    // A failed check must not leave the server (and its workers) running.
    try {
      const pid = server.child.pid as number;
      // The process the test started is the server itself, not a pnpm or sh wrapper.
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      expect(cmdline.slice(-1)).toEqual(["apps/api/dist/server.js"]);
      expect(path.basename(cmdline[0] ?? "")).toBe("node");
      // The primary says all workers serve as soon as they listen; their own lines may come later.
      const listening = (line: Record<string, unknown>) =>
        typeof line.worker === "number" && typeof line.address === "string";
      await waitForLog(server, () => server.logs.filter(listening).length === 2);
      const workerPids = server.logs.filter(listening).map((line) => line.pid as number);
      expect(new Set(workerPids).size).toBe(2);
      for (const workerPid of workerPids) {
        const stat = readFileSync(`/proc/${workerPid}/stat`, "utf8");
        expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])).toBe(pid);
      }
      expect((await request(`${server.url}/healthz`, { method: "GET" })).status).toBe(200);

      process.kill(pid, "SIGTERM");
      expect(await server.exited).toBe(0);
      for (const workerPid of workerPids) expect(existsSync(`/proc/${workerPid}`)).toBe(false);
    } finally {
      await server.stop();
    }
  });
});

const run = promisify(execFile);

/** The hash of each build task in a dry run of `turbo run build` with `env` set. */
async function buildHashes(env: Record<string, string>): Promise<Record<string, string>> {
  const turbo = path.join(repoRoot, "node_modules/.bin/turbo");
  const { stdout } = await run(turbo, ["run", "build", "--dry=json"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { tasks } = JSON.parse(stdout) as { tasks: { taskId: string; hash: string }[] };
  return Object.fromEntries(tasks.map((task) => [task.taskId, task.hash]));
}

describe("pnpm start (turbo run build, then node)", () => {
  it("does not rebuild when only runtime settings change", async () => {
    const first = await buildHashes({
      DATABASE_URL: "file:./data/a.db",
      NODE_ENV: "development",
      PORT: "8000",
      WEB_CONCURRENCY: "1",
      LOG_LEVEL: "info",
    });
    const second = await buildHashes({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/elsewhere",
      NODE_ENV: "production",
      PORT: "9000",
      WEB_CONCURRENCY: "4",
      LOG_LEVEL: "warn",
      METRICS_PORT: "9464",
    });
    expect(Object.keys(first)).toContain("@otas/server#build");
    expect(second).toEqual(first);
  }, 60_000);
});
