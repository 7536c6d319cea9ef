import { copyFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { migrateDatabase, parseDatabaseUrl } from "@otas/core";
import {
  createTestDatabase,
  fillFileSystem,
  makeUnwritable,
  mountSmallFileSystem,
  type SmallFileSystem,
} from "@otas/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { scrape, total } from "../support/prometheus.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";
import { registerUser, uniqueEmail } from "../support/users.js";

/** What a fault does to the files, and what puts them right again (when anything can). */
interface Fault {
  name: string;
  inject(file: string): () => void;
  /**
   * Whether a restart must find the users acknowledged before the fault. Not asserted where
   * that is up to what SQLite makes of a -wal left beside another file: the service can only
   * stop acknowledging, so that nothing is lost from the fault on.
   */
  keepsEarlierUsers: boolean;
}

const FAULTS: Fault[] = [
  {
    name: "the database file deleted",
    inject: (file) => {
      rmSync(file);
      return () => {};
    },
    keepsEarlierUsers: false,
  },
  {
    name: "the database file replaced by a copy renamed over it",
    inject: (file) => {
      const copy = path.join(path.dirname(file), "copy.db");
      copyFileSync(file, copy);
      renameSync(copy, file);
      return () => {};
    },
    keepsEarlierUsers: false,
  },
  {
    name: "the -wal deleted",
    inject: (file) => {
      rmSync(`${file}-wal`);
      return () => {};
    },
    // The stopping server is the last connection: SQLite checkpoints its (unlinked) -wal
    // into the database file on close.
    keepsEarlierUsers: true,
  },
  {
    name: "the database file made immutable",
    inject: (file) => makeUnwritable(file),
    keepsEarlierUsers: true,
  },
];

const profile = { first_name: "Ada", last_name: "Lovelace", email: "", password: "secret1" };

/** Every kind of write the legacy API takes is refused as the contract says, and /healthz says 503. */
async function expectRefused(server: ServerProcess, token: string) {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(503);

  const email = uniqueEmail("refused");
  const created = await request(`${server.url}/api/user/v1/create/`, {
    body: { ...profile, email },
  });
  const reference = created.headers.get("x-request-id");
  expect([created.status, created.json]).toEqual([
    400,
    { status: 0, status_description: `server_error: ${reference}`, response_body: null },
  ]);
  const edited = await request(`${server.url}/api/user/v1/edit/`, {
    method: "PUT",
    headers: { "x-otas-user-token": token },
    body: { first_name: "Changed", last_name: "Name" },
  });
  expect([edited.status, edited.json]).toEqual([
    500,
    {
      status: 0,
      status_description: `server_error: ${edited.headers.get("x-request-id")}`,
      response_body: null,
    },
  ]);
  expect(created.text + edited.text).not.toMatch(/sqlite|\.db|SqliteStorageError|\/tmp/i);
  return email;
}

describe("the server on SQLite when its storage fails under it", () => {
  let server: ServerProcess | undefined;
  let cleanUp: Array<() => unknown> = [];
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    for (const step of cleanUp.reverse()) await step();
    cleanUp = [];
  });

  it.each(FAULTS)(
    "refuses writes and fails /healthz with $name, until restarted",
    async (fault) => {
      const database = await createTestDatabase("sqlite");
      cleanUp.push(() => database.drop());
      const parsed = parseDatabaseUrl(database.url);
      if (parsed.provider !== "sqlite") throw new Error("expected SQLite");
      server = await spawnServer(database.url, { METRICS_PORT: "0" });
      const before = [await registerUser(server.url), await registerUser(server.url)];
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      const restore = fault.inject(parsed.filename);
      cleanUp.push(restore);
      const refusedEmail = await expectRefused(server, before[0]?.token ?? "");
      // Still refusing: no silent recovery into the unlinked or replaced file.
      await expectRefused(server, before[1]?.token ?? "");
      // Counted as failures of the database (two creates, two edits), not as bugs.
      const samples = await scrape(server.metricsUrl ?? "");
      expect(total(samples, "otas_unexpected_failures_total", { kind: "database" })).toBe(4);
      expect(total(samples, "otas_unexpected_failures_total", { kind: "other" })).toBe(0);
      await server.stop();
      restore();

      server = await spawnServer(database.url);
      for (const user of fault.keepsEarlierUsers ? before : []) {
        const login = await request(`${server.url}/api/user/v1/login/`, {
          body: { email: user.email, password: user.password },
        });
        expect([user.email, login.status]).toEqual([user.email, 200]);
      }
      // The refused sign-up left nothing behind: the email is free.
      await registerUser(server.url, { email: refusedEmail });
    },
  );

  it("keeps the users acknowledged before a deleted -wal through a kill -9", async () => {
    const database = await createTestDatabase("sqlite");
    cleanUp.push(() => database.drop());
    const parsed = parseDatabaseUrl(database.url);
    if (parsed.provider !== "sqlite") throw new Error("expected SQLite");
    server = await spawnServer(database.url);
    const before = [await registerUser(server.url), await registerUser(server.url)];

    rmSync(`${parsed.filename}-wal`);
    // The first refusal copies what the unlinked -wal held into the database file.
    await expectRefused(server, before[0]?.token ?? "");
    server.child.kill("SIGKILL");
    await server.exited;

    server = await spawnServer(database.url);
    for (const user of before) {
      const login = await request(`${server.url}/api/user/v1/login/`, {
        body: { email: user.email, password: user.password },
      });
      expect([user.email, login.status]).toEqual([user.email, 200]);
    }
  });

  it("fails /healthz and refuses writes while the disk is full, then recovers", async (context) => {
    const fileSystem: SmallFileSystem | string = mountSmallFileSystem(16);
    if (typeof fileSystem === "string") {
      // CI runs as root: there the test must run, never skip.
      if (process.env.CI !== undefined) throw new Error(fileSystem);
      context.skip(fileSystem);
      return;
    }
    cleanUp.push(() => fileSystem.unmount());
    const url = `file:${path.join(fileSystem.dir, "otas.db")}`;
    await migrateDatabase(url);
    server = await spawnServer(url);
    const before = await registerUser(server.url);

    const free = fillFileSystem(fileSystem.dir);
    cleanUp.push(free);
    await expectRefused(server, before.token);

    free();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const after = await registerUser(server.url);
    await server.stop();
    server = await spawnServer(url);
    for (const user of [before, after]) {
      const login = await request(`${server.url}/api/user/v1/login/`, {
        body: { email: user.email, password: user.password },
      });
      expect(login.status).toBe(200);
    }
  });
});
