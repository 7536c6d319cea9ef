import { readFile } from "node:fs/promises";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream, storedUsers } from "../support/create-stream.js";
import { freePort, type RunningNginx, shippedConfig, startNginx } from "../support/nginx.js";
import { repoRoot, type ServerProcess, spawnServer } from "../support/spawn-server.js";

/** nginx's `fail_timeout` in the shipped configuration, in ms: how long it skips a failed instance. */
async function shippedFailTimeoutMs(): Promise<number> {
  const shipped = await readFile(
    path.join(repoRoot, "deploy/nginx/otas-user-service.conf"),
    "utf8",
  );
  const seconds = /fail_timeout=(\d+)s/.exec(shipped)?.[1];
  if (seconds === undefined) throw new Error("the shipped configuration sets no fail_timeout");
  return Number(seconds) * 1000;
}

describe("two instances behind Debian's nginx, restarted one after the other", () => {
  let database: TestDatabase;
  let nginx: RunningNginx;
  let ports: [number, number];
  const instances: ServerProcess[] = [];
  const startInstance = (port: number) =>
    spawnServer(database.url, { PORT: String(port), TRUST_PROXY: "127.0.0.1" });

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    ports = [await freePort(), await freePort()];
    for (const port of ports) instances.push(await startInstance(port));
    const nginxPort = await freePort();
    // Nothing listens for the original service: no request of this test goes there.
    const site = await shippedConfig({
      nginx: nginxPort,
      service: ports,
      original: await freePort(),
    });
    nginx = await startNginx(nginxPort, site);
  });
  afterAll(async () => {
    await nginx?.stop();
    for (const instance of instances) await instance.stop();
    await database?.drop();
  });

  it("fails no request when docs/operations.md's procedure restarts them under load", async () => {
    const failTimeoutMs = await shippedFailTimeoutMs();
    const stream = startCreateStream(`http://127.0.0.1:${nginx.port}`, { workers: 6 });
    await stream.succeeded(20);
    for (const [index, port] of ports.entries()) {
      // Stop the instance (it drains, then refuses connections: nginx sends them to the other)...
      expect(await instances[index]?.stop()).toBe(0);
      // ...start the new one, which resolves once it serves, and give nginx its fail_timeout to
      // try it again before the other instance goes away.
      instances[index] = await startInstance(port);
      await new Promise((resolve) => setTimeout(resolve, failTimeoutMs + 200));
    }
    // nginx sends to both new instances again.
    const served = (instance: ServerProcess) =>
      instance.logs.filter(
        (line) =>
          line.msg === "request completed" &&
          (line.res as { statusCode?: number } | undefined)?.statusCode === 200,
      ).length;
    await expect
      .poll(() => instances.map((instance) => served(instance) > 0), { timeout: 10_000 })
      .toEqual([true, true]);
    await stream.stop();

    expect(stream.sent.filter((item) => item.status !== 200)).toEqual([]);
    const stored = await storedUsers(database.url);
    for (const item of stream.sent) expect(stored.get(item.email)).toBe(item.userId);
  });
});
