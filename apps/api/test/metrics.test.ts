import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceMetrics, type ServiceMetrics } from "../src/metrics/service-metrics.js";
import { request } from "./support/http.js";
import { parsePrometheus, total } from "./support/prometheus.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser, uniqueEmail } from "./support/users.js";

describe.each(providers)("metrics of one app on %s", (provider) => {
  let server: TestServer;
  let metrics: ServiceMetrics;
  beforeAll(async () => {
    metrics = createServiceMetrics();
    server = await startTestServer(provider, {
      metrics,
      env: { RATE_LIMIT_MAX: 2, RATE_LIMIT_ACCOUNT_MAX: 1 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const read = async () => parsePrometheus(await metrics.registry.metrics());

  it("labels requests by route pattern, never by raw URL", async () => {
    await request(`${server.url}/api/user/v1/authenticate`);
    await request(`${server.url}/api/user/v1/no-such-thing?x=1`);
    await request(`${server.url}/trpc/user.me`, { method: "GET" });
    const samples = await read();
    const count = "http_request_duration_seconds_count";
    expect(total(samples, count, { route: "/api/user/v1/authenticate", status_code: "400" })).toBe(
      1,
    );
    expect(total(samples, count, { route: "unmatched", method: "POST", status_code: "404" })).toBe(
      1,
    );
    expect(total(samples, count, { route: "/trpc/:path", status_code: "401" })).toBe(1);
    const routes = new Set(samples.filter((s) => s.name === count).map((s) => s.labels.route));
    expect([...routes].filter((route) => route?.includes("no-such-thing"))).toEqual([]);
  });

  it("times every password hash and check, and counts refusals by bucket and scope", async () => {
    const before = await read();
    const { email } = await registerUser(server.url);
    const wrongLogin = { email, password: "wrong-password" };
    const logins = [];
    for (let i = 0; i < 2; i += 1) {
      logins.push(await request(`${server.url}/api/user/v1/login/`, { body: wrongLogin }));
    }
    const after = await read();
    const hashing = "otas_password_hashing_duration_seconds_count";
    expect(
      total(after, hashing, { operation: "hash" }) - total(before, hashing, { operation: "hash" }),
    ).toBe(1);
    // The first login is checked (and fails); the second is over the account's limit of 1.
    expect(
      total(after, hashing, { operation: "verify" }) -
        total(before, hashing, { operation: "verify" }),
    ).toBe(1);
    expect(logins.map((login) => login.status)).toEqual([401, 429]);
    expect(
      total(after, "otas_rate_limit_refusals_total", { bucket: "login", scope: "account" }),
    ).toBe(1);
    expect(total(after, "otas_password_hashing_queue_length")).toBe(0);
  });

  it("counts a failure of the database as a database error", async () => {
    await server.breakStorage();
    const res = await request(`${server.url}/api/user/v1/create/`, {
      body: { first_name: "A", last_name: "B", email: "broken@example.com", password: "secret1" },
    });
    expect((res.json as { status_description: string }).status_description).toMatch(
      /^server_error: /,
    );
    const samples = await read();
    expect(total(samples, "otas_unexpected_failures_total", { kind: "database" })).toBe(1);
    expect(total(samples, "otas_unexpected_failures_total", { kind: "other" })).toBe(0);
  });
});

describe("metrics of an app whose PostgreSQL becomes unreachable", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let metrics: ServiceMetrics;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const url = new URL(database.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    metrics = createServiceMetrics();
    server = await startTestServer("postgresql", { metrics, databaseUrl: url.toString() });
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("counts refused and broken connections as database failures", async () => {
    const { token } = await registerUser(server.url);
    await proxy.stop();
    const answers = [
      await request(`${server.url}/api/user/v1/authenticate/`, {
        headers: { "x-otas-user-token": token },
      }),
      await request(`${server.url}/api/user/v1/create/`, {
        body: { first_name: "A", last_name: "B", email: uniqueEmail(), password: "secret1" },
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([500, 400]);
    for (const answer of answers) {
      expect((answer.json as { status_description: string }).status_description).toMatch(
        /^server_error: /,
      );
    }
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    const samples = parsePrometheus(await metrics.registry.metrics());
    expect(total(samples, "otas_unexpected_failures_total", { kind: "database" })).toBe(2);
    expect(total(samples, "otas_unexpected_failures_total", { kind: "other" })).toBe(0);

    // It recovers by itself once the database is back.
    await proxy.start();
    expect((await registerUser(server.url)).token).toBeTypeOf("string");
  });
});
