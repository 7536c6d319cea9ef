import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "../support/http.js";
import { type Sample, scrape, total } from "../support/prometheus.js";
import { type ServerProcess, spawnServer, workersThatAnswered } from "../support/spawn-server.js";
import { registerUser } from "../support/users.js";

const AUTHENTICATED = {
  name: "http_request_duration_seconds_count",
  labels: { route: "/api/user/v1/authenticate/", method: "POST", status_code: "200" },
};
const answered = (samples: Sample[]) => total(samples, AUTHENTICATED.name, AUTHENTICATED.labels);

describe.each([1, 2])("GET /metrics with WEB_CONCURRENCY=%i", (workers) => {
  let database: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await spawnServer(database.url, {
      WEB_CONCURRENCY: String(workers),
      METRICS_PORT: "0",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("is served on its own loopback listener, not on the API's port", async () => {
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(server.metricsUrl ?? "").port).not.toBe(new URL(server.url).port);
    const res = await request(`${server.url}/metrics`, { method: "GET" });
    expect([res.status, res.json]).toEqual([404, failure("not_found")]);
  });

  it("adds up every request of every worker, scraped under load", async () => {
    const { token } = await registerUser(server.url);
    const before = await scrape(server.metricsUrl ?? "");
    const clients = 8;
    const perClient = 40;
    const requestIds: string[] = [];
    const load = Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < perClient; i += 1) {
          const res = await request(`${server.url}/api/user/v1/authenticate/`, {
            headers: { "x-otas-user-token": token },
          });
          expect(res.status).toBe(200);
          requestIds.push(res.headers.get("x-request-id") ?? "");
        }
      }),
    );
    // Scrapes while the load runs answer too, each with a count between before and after.
    const during: Sample[][] = [];
    while (requestIds.length < clients * perClient) {
      during.push(await scrape(server.metricsUrl ?? ""));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await load;
    const after = await scrape(server.metricsUrl ?? "");

    expect(answered(after) - answered(before)).toBe(clients * perClient);
    for (const samples of during) {
      expect(answered(samples)).toBeGreaterThanOrEqual(answered(before));
      expect(answered(samples)).toBeLessThanOrEqual(answered(after));
    }
    expect(during.length).toBeGreaterThan(0);
    const lines = await workersThatAnswered(server, requestIds);
    expect(new Set(lines.map((line) => line.worker ?? "single")).size).toBe(workers);
    // The sign-up hashed once; default process metrics are there, summed over the workers.
    expect(
      total(after, "otas_password_hashing_duration_seconds_count", { operation: "hash" }),
    ).toBe(1);
    expect(total(after, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(total(after, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(total(after, "otas_worker_restarts_total")).toBe(0);
    // Only a primary knows how many workers serve.
    expect(after.some((sample) => sample.name === "otas_workers_serving")).toBe(workers > 1);
    if (workers > 1) expect(total(after, "otas_workers_serving")).toBe(workers);
  });
});
