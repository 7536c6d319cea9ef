import { openDatabase } from "@otas/core";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "../support/http.js";
import { scrape, total } from "../support/prometheus.js";
import {
  type ServerProcess,
  spawnServer,
  waitForLog,
  workersThatAnswered,
} from "../support/spawn-server.js";
import { uniqueEmail } from "../support/users.js";

describe("WEB_CONCURRENCY=2 workers on SQLite", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { migrate: false });
    server = await spawnServer(database.url, { WEB_CONCURRENCY: "2", METRICS_PORT: "0" });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("serves a fresh database (migrated by the primary) from both workers, each log line naming its worker", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => request(`${server.url}/api/user/v1/authenticate/`)),
    );
    for (const answer of answers) {
      expect([answer.status, answer.json]).toEqual([400, failure("missing_token")]);
    }
    const ids = answers.map((answer) => answer.headers.get("x-request-id") ?? "");
    const lines = await workersThatAnswered(server, ids);
    expect(new Set(lines.map((line) => line.worker))).toEqual(new Set([1, 2]));
    expect(new Set(lines.map((line) => line.pid)).size).toBe(2);
    // Every line is the primary's or names its worker.
    for (const line of server.logs) {
      expect(line.role === "primary" || typeof line.worker === "number", JSON.stringify(line)).toBe(
        true,
      );
    }
  });

  it("gives exactly one account to creates of one email racing across workers, never server_error", async () => {
    const email = uniqueEmail("race");
    const racing = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(`${server.url}/api/user/v1/create/`, {
          body: { first_name: "R", last_name: "C", email, password: "secret1" },
        }),
      ),
    );
    const distinct = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(`${server.url}/api/user/v1/create/`, {
          body: {
            first_name: "D",
            last_name: "C",
            email: uniqueEmail("many"),
            password: "secret1",
          },
        }),
      ),
    );
    const codes = racing.map(
      (answer) => (answer.json as { status_description: string }).status_description,
    );
    expect(codes.filter((code) => code === "user_created")).toHaveLength(1);
    expect(codes.filter((code) => code === "user_already_exists")).toHaveLength(29);
    expect(distinct.map((answer) => answer.status)).toEqual(distinct.map(() => 200));
    const ids = [...racing, ...distinct].map((answer) => answer.headers.get("x-request-id") ?? "");
    const lines = await workersThatAnswered(server, ids);
    expect(new Set(lines.map((line) => line.worker))).toEqual(new Set([1, 2]));

    const db = await openDatabase(database.url);
    try {
      const prisma = await db.prisma();
      expect(await prisma.user.count({ where: { email } })).toBe(1);
      expect(await prisma.user.count({ where: { firstName: "D" } })).toBe(30);
    } finally {
      await db.close();
    }
  });

  it("replaces a worker killed with -9 and keeps answering", async () => {
    const listening = server.logs.filter((line) => typeof line.worker === "number" && line.address);
    const victim = listening[0];
    expect(victim).toBeDefined();
    process.kill(victim?.pid as number, "SIGKILL");

    const crash = await waitForLog(
      server,
      (line) => line.msg === `worker ${victim?.worker} exited unexpectedly; starting a replacement`,
    );
    expect(crash).toMatchObject({ role: "primary", signal: "SIGKILL", workerPid: victim?.pid });
    await waitForLog(server, (line) => line.worker === 3 && typeof line.address === "string");
    // A connection handed to the victim as it died may fail; every later request is answered.
    let answeredInARow = 0;
    for (let i = 0; i < 200 && answeredInARow < 20; i += 1) {
      try {
        const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        answeredInARow = res.status === 200 ? answeredInARow + 1 : 0;
      } catch {
        answeredInARow = 0;
      }
    }
    expect(answeredInARow).toBe(20);
    const samples = await scrape(server.metricsUrl ?? "");
    expect(total(samples, "otas_worker_restarts_total")).toBe(1);
    expect(total(samples, "otas_workers_serving")).toBe(2);
  });
});

describe("both workers killed at once, again and again (WEB_CONCURRENCY=2)", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await spawnServer(database.url, { WEB_CONCURRENCY: "2" });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** The pid of worker `id` once it serves. */
  const servingPid = async (id: number) =>
    (await waitForLog(server, (line) => line.worker === id && typeof line.address === "string"))
      .pid as number;

  it("replaces the last one serving at once, each place backing off on its own", async () => {
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      const [first, second] = [2 * round + 1, 2 * round + 2];
      for (const pid of await Promise.all([servingPid(first), servingPid(second)])) {
        process.kill(pid, "SIGKILL");
      }
      await Promise.all([servingPid(first + 2), servingPid(second + 2)]);
    }
    const crashes = server.logs.filter((line) =>
      String(line.msg).endsWith("exited unexpectedly; starting a replacement"),
    );
    expect(crashes).toHaveLength(2 * rounds);
    // Whenever none was left serving, the replacement came after the first delay, never later;
    // the other place's delay doubled with its own crashes only.
    const lastOnes = crashes.filter((line) => line.othersServing === 0);
    expect(lastOnes.map((line) => line.restartInMs)).toEqual([100, 100, 100]);
    const others = crashes.filter((line) => line.othersServing === 1);
    expect(others.map((line) => line.restartInMs)).toEqual([100, 200, 400]);
  });
});
