import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { apiEnvDefaults } from "../../src/env.js";
import { repoRoot } from "../support/spawn-server.js";

const UNIT = path.join(repoRoot, "deploy/systemd/otas-user-service@.service");
const SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze";

/** The unit's settings of its [Service] section, `key` → values in order. */
function serviceSettings(unit: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  const service = unit.slice(unit.indexOf("[Service]"), unit.indexOf("[Install]"));
  for (const line of service.split("\n")) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match?.[1] === undefined || match[2] === undefined) continue;
    settings.set(match[1], [...(settings.get(match[1]) ?? []), match[2]]);
  }
  return settings;
}

describe("the shipped systemd unit", () => {
  it("restarts the service whenever it dies, reloads with SIGHUP and stops with SIGTERM", async () => {
    const settings = serviceSettings(await readFile(UNIT, "utf8"));
    expect(settings.get("ExecStart")).toEqual(["/usr/bin/node apps/api/dist/server.js"]);
    expect(settings.get("ExecReload")).toEqual(["/bin/kill -HUP $MAINPID"]);
    expect(settings.get("KillSignal")).toEqual(["SIGTERM"]);
    // The primary alone gets SIGTERM: it drains its workers and waits for them.
    expect(settings.get("KillMode")).toEqual(["mixed"]);
    expect(settings.get("Restart")).toEqual(["always"]);
    // systemd waits longer than the primary grants its workers (the timeout plus 2 s).
    const stopSeconds = Number(settings.get("TimeoutStopSec")?.[0]);
    expect(stopSeconds * 1000).toBeGreaterThan(apiEnvDefaults.SHUTDOWN_TIMEOUT_MS + 2000);
  });

  it.skipIf(!existsSync(SYSTEMD_ANALYZE))("passes systemd-analyze verify", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "otas-unit-"));
    try {
      // An instance of the template, with this machine's node (it must be executable).
      const unit = (await readFile(UNIT, "utf8")).replace("/usr/bin/node", process.execPath);
      const instance = path.join(dir, "otas-user-service@8000.service");
      await writeFile(instance, unit);
      const { stdout, stderr } = await promisify(execFile)(SYSTEMD_ANALYZE, ["verify", instance]);
      expect(`${stdout}${stderr}`).toBe("");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
