import { rmSync } from "node:fs";
import { parseDatabaseUrl } from "@otas/core";
import { makeUnwritable } from "@otas/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

// A file is SQLite's own fault mode: PostgreSQL's storage is the server's, which ping reaches.
describe("/healthz when the SQLite file goes wrong under the running server", () => {
  let server: TestServer;
  let file: string;
  let restore = () => {};
  beforeEach(async () => {
    server = await startTestServer("sqlite");
    const parsed = parseDatabaseUrl(server.databaseUrl);
    if (parsed.provider !== "sqlite") throw new Error("expected SQLite");
    file = parsed.filename;
    const healthy = await request(`${server.url}/healthz`, { method: "GET" });
    expect([healthy.status, healthy.json]).toEqual([200, { status: "ok" }]);
  });
  afterEach(async () => {
    restore();
    restore = () => {};
    await server?.close();
  });

  const expectUnavailable = async (reason: RegExp) => {
    const res = await request(`${server.url}/healthz`, { method: "GET" });
    expect([res.status, res.json]).toEqual([503, { status: "unavailable" }]);
    const logged = server.logs
      .map((text) => JSON.parse(text) as { level: number; msg?: string; err?: { message: string } })
      .find((line) => line.msg === "health check failed");
    expect(logged).toMatchObject({ level: 40, err: { message: expect.stringMatching(reason) } });
  };

  it("answers 503 once the database file is deleted", async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    await expectUnavailable(/was deleted/);
  });

  it("answers 503 once the database file cannot be written", async () => {
    restore = makeUnwritable(file);
    await expectUnavailable(/EACCES|EPERM|EROFS/);
  });
});
