import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream, storedUsers } from "../support/create-stream.js";
import { repoRoot, type ServerProcess, spawnServer, waitForLog } from "../support/spawn-server.js";

const builtServer = path.join(repoRoot, "apps/api/dist");

/**
 * A copy of the built server that the test can change on disk: under apps/api/node_modules, so
 * its imports resolve as the original's do. Its entry prints which build a process runs.
 */
async function copyOfTheBuild() {
  const dir = path.join(
    repoRoot,
    "apps/api/node_modules/.cache",
    `otas-rolling-${process.pid}-${Date.now()}`,
  );
  await mkdir(dir, { recursive: true });
  await cp(builtServer, path.join(dir, "dist"), { recursive: true });
  const entry = path.join(dir, "dist/server.js");
  const original = await readFile(entry, "utf8");
  const markAs = (build: string) =>
    writeFile(
      entry,
      `console.log(JSON.stringify({ build: ${JSON.stringify(build)}, buildPid: process.pid }));\n${original}`,
    );
  /** A build whose workers die as they start. */
  const breakIt = () => writeFile(entry, 'throw new Error("a broken build");\n');
  return { dir, entry, markAs, breakIt };
}

describe("SIGHUP to the primary of 2 workers running a copy of the build", () => {
  let database: TestDatabase;
  let build: Awaited<ReturnType<typeof copyOfTheBuild>>;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    build = await copyOfTheBuild();
    await build.markAs("v1");
    server = await spawnServer(
      database.url,
      { WEB_CONCURRENCY: "2", SHUTDOWN_DRAIN_MS: "500" },
      { command: [process.execPath, build.entry] },
    );
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (build !== undefined) await rm(build.dir, { recursive: true, force: true });
  });

  it("replaces both workers with the code now on disk and fails no request", async () => {
    // Its idle connections close before a worker's drain ends, as docs/operations.md asks of a
    // proxy in front: the service never closes a connection a client may be writing on.
    const stream = startCreateStream(server.url, { workers: 6, idleTimeoutMs: 250 });
    await stream.succeeded(20);
    await build.markAs("v2");
    server.child.kill("SIGHUP");
    await waitForLog(server, (line) => line.msg === "reload complete", 60_000);
    const answeredBefore = stream.sent.filter((item) => item.status !== undefined).length;
    await stream.succeeded(answeredBefore + 20);
    await stream.stop();

    expect(stream.sent.filter((item) => item.status !== 200)).toEqual([]);
    const stored = await storedUsers(database.url);
    for (const item of stream.sent) expect(stored.get(item.email)).toBe(item.userId);

    // Each new worker served before the one it replaced began to drain (the processes' log
    // lines reach the pipe in any order: their times tell)...
    const timeOf = (predicate: (line: Record<string, unknown>) => boolean) =>
      server.logs.find(predicate)?.time as number;
    for (const [fresh, old] of [
      [3, 1],
      [4, 2],
    ]) {
      const serving = timeOf((line) => line.worker === fresh && typeof line.address === "string");
      const replacing = timeOf((line) => line.replacing === old && line.worker === fresh);
      const draining = timeOf((line) => line.worker === old && line.reason === "replaced");
      // The primary says "serves; draining" once the new worker listens, then tells the old one.
      expect(serving).toBeTypeOf("number");
      expect(draining).toBeGreaterThanOrEqual(replacing);
    }
    // ...and the workers serving now run the code written before the signal.
    const v2 = new Set(server.logs.filter((line) => line.build === "v2").map((l) => l.buildPid));
    const serving = server.logs.filter(
      (line) => (line.worker === 3 || line.worker === 4) && typeof line.address === "string",
    );
    expect(serving).toHaveLength(2);
    for (const line of serving) expect(v2.has(line.pid)).toBe(true);
    expect(
      server.logs.some((line) => line.role === "prepare" && line.msg === "database prepared"),
    ).toBe(true);
  });

  it("stops a reload onto a build that cannot start, and keeps the workers serving", async () => {
    const serving = server.logs
      .filter(
        (line) => (line.worker === 3 || line.worker === 4) && typeof line.address === "string",
      )
      .map((line) => line.pid);
    const replacedBefore = server.logs.filter((line) => line.reason === "replaced").length;
    await build.breakIt();
    server.child.kill("SIGHUP");
    const stopped = await waitForLog(server, (line) =>
      String(line.msg).startsWith("reload stopped"),
    );
    expect(stopped).toMatchObject({ level: 50, replaced: 0 });
    // The new worker that died is not replaced (the old one still holds its place)...
    expect(server.logs.filter((line) => line.reason === "replaced")).toHaveLength(replacedBefore);
    expect(server.logs.some((line) => String(line.msg).includes("exited unexpectedly"))).toBe(
      false,
    );
    // ...and the old ones answer as before.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${server.url}/healthz`).then((res) => res.status)),
    );
    expect(answers).toEqual(answers.map(() => 200));
    for (const pid of serving) expect(() => process.kill(pid as number, 0)).not.toThrow();
  });
});

describe("SIGHUP to a lone process (WEB_CONCURRENCY=1)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("is refused with a warning, and the process keeps serving", async () => {
    const server = await spawnServer(database.url);
    try {
      server.child.kill("SIGHUP");
      const warned = await waitForLog(server, (line) =>
        String(line.msg).startsWith("SIGHUP ignored"),
      );
      expect(warned).toMatchObject({ level: 40 });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
