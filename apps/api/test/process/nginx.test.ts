import { createServer, type Server } from "node:http";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RunningNginx, send, shippedConfig, startNginx } from "../support/nginx.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";

const RATE_LIMIT_MAX = 3;

/**
 * A stand-in for the original Django service: says it answered, and what it was asked,
 * including the X-Forwarded-For nginx sent (the same header every location gets).
 */
function startOriginal(): Promise<{ server: Server; port: number; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? "");
    response.setHeader("content-type", "application/json");
    const forwardedFor = request.headers["x-forwarded-for"];
    response.end(JSON.stringify({ original: true, path: request.url, forwardedFor }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, paths });
    }),
  );
}

describe("this service behind Debian's nginx with the shipped configuration", () => {
  let database: TestDatabase;
  let service: ServerProcess;
  let original: Awaited<ReturnType<typeof startOriginal>>;
  let nginx: RunningNginx;
  let port = 0;
  const servicePort = () => Number(new URL(service.url).port);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    service = await spawnServer(database.url, {
      TRUST_PROXY: "127.0.0.1",
      RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
    });
    original = await startOriginal();
    port = await freePort();
    const site = await shippedConfig({
      nginx: port,
      service: [servicePort()],
      original: original.port,
    });
    nginx = await startNginx(port, site);
  });
  afterAll(async () => {
    await nginx?.stop();
    await service?.stop();
    original?.server.close();
    await database?.drop();
  });

  it("passes the service's answers through unchanged", async () => {
    const cases: {
      path: string;
      method?: string;
      body?: string;
      headers?: Record<string, string>;
    }[] = [
      { path: "/api/user/v1/create/", body: "{}" },
      { path: "/api/user/v1/create/", body: '{"first_name": 1' },
      {
        path: "/api/user/v1/login/",
        body: '{"email": "nobody@example.com", "password": "secret1"}',
      },
      { path: "/api/user/v1/authenticate/" },
      { path: "/api/user/v1/authenticate/", headers: { "x-otas-user-token": "not-a-token" } },
      { path: "/api/user/v1/edit/", method: "GET" },
      { path: "/api/user/v1/nothing-here/" },
      { path: "/api/user/v1/create/", body: `{"first_name": "${"x".repeat(70_000)}"}` },
    ];
    for (const [index, { path: url, ...options }] of cases.entries()) {
      // Each case from its own address, through nginx and directly, so no rate limit interferes.
      const direct = await send(servicePort(), url, { ...options, from: `127.0.1.${index + 1}` });
      const proxied = await send(port, url, { ...options, from: `127.0.2.${index + 1}` });
      expect([proxied.status, proxied.text], url).toEqual([direct.status, direct.text]);
      expect(proxied.headers["content-type"]).toBe(direct.headers["content-type"]);
      expect(proxied.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const created = await send(port, "/api/user/v1/create/", {
      body: JSON.stringify({
        first_name: "Ada",
        last_name: "L",
        email: "ada@example.com",
        password: "secret1",
      }),
      from: "127.0.3.1",
    });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.text)).toMatchObject({
      status: 1,
      status_description: "user_created",
    });
  });

  it("sends /api/user/ and the frontend's /v1/user/ here, and everything else to the original", async () => {
    const frontend = await send(port, "/v1/user/reset-password/init/", { body: "{}" });
    expect(frontend.headers["x-request-id"]).toBeDefined();
    for (const url of ["/api/project/v1/list/", "/api/user-project/v1/authenticate/", "/admin/"]) {
      const answer = await send(port, url, { method: "GET", from: "127.0.5.1" });
      expect(JSON.parse(answer.text)).toEqual({
        original: true,
        path: url,
        forwardedFor: "127.0.5.1",
      });
    }
    expect(original.paths).not.toContain("/v1/user/reset-password/init/");
  });

  it("passes the web frontend's USER_TOKEN header through to its password update", async () => {
    const created = await send(port, "/api/user/v1/create/", {
      body: JSON.stringify({
        first_name: "Grace",
        last_name: "H",
        email: "grace@example.com",
        password: "secret1",
      }),
      from: "127.0.6.1",
    });
    const { jwt_token } = JSON.parse(created.text).response_body as { jwt_token: string };
    const updated = await send(port, "/v1/user/reset-password/update/", {
      method: "PUT",
      body: '{"password": "changed-1"}',
      headers: { "content-type": "application/json", USER_TOKEN: jwt_token },
      from: "127.0.6.2",
    });
    expect([updated.status, JSON.parse(updated.text)]).toEqual([
      200,
      { status: 1, status_description: "password_updated", response_body: null },
    ]);
  });

  it("replaces the X-Forwarded-For a client sends with the client's address", async () => {
    const answer = await send(port, "/api/project/v1/list/", {
      method: "GET",
      from: "127.0.5.2",
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(JSON.parse(answer.text)).toMatchObject({ forwardedFor: "127.0.5.2" });
  });

  it("rate-limits each real client address, whatever X-Forwarded-For a client sends", async () => {
    const login = (from: string, headers: Record<string, string> = {}) =>
      send(port, "/api/user/v1/login/", {
        from,
        headers,
        body: '{"email": "ada@example.com", "password": "wrong-password"}',
      });
    for (let attempt = 0; attempt < RATE_LIMIT_MAX; attempt += 1) {
      expect((await login("127.0.4.2")).status).toBe(401);
    }
    const limited = await login("127.0.4.2");
    expect([limited.status, limited.text]).toEqual([
      429,
      '{"status":0,"status_description":"rate_limited"}',
    ]);
    // Picking another address does not escape the limit...
    expect((await login("127.0.4.2", { "x-forwarded-for": "203.0.113.9" })).status).toBe(429);
    // ...naming the limited one does not put another client under it...
    expect((await login("127.0.4.3", { "x-forwarded-for": "127.0.4.2" })).status).toBe(401);
    // ...and only nginx is believed: a direct client claiming an address is counted as itself.
    const direct = await send(servicePort(), "/api/user/v1/login/", {
      from: "127.0.4.4",
      headers: { "x-forwarded-for": "127.0.4.2" },
      body: '{"email": "ada@example.com", "password": "wrong-password"}',
    });
    expect(direct.status).toBe(401);
  });
});
