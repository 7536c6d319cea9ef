import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openRedisRateLimitStore,
  type RedisRateLimitStore,
} from "../src/limits/redis-rate-limit-store.js";
import { request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Retries `attempt` until it resolves; fails after `timeoutMs`. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const REDIS_TIMEOUT_MS = 500;
/** Generous on a slow shared machine, and far below "when Redis comes back". */
const BOUND_MS = 6000;

// A redis-server of this test's own, frozen with SIGSTOP: the connection stays open and
// commands are accepted by the kernel but never answered.
describe("a frozen Redis rate-limit store", () => {
  let redis: ChildProcess;
  let url: string;
  let frozen = false;
  const stores: RedisRateLimitStore[] = [];
  const servers: TestServer[] = [];

  const serve = async (storeTimeoutMs: number, deadlineMs: number) => {
    const store = await openRedisRateLimitStore(url, `otas-test-${randomUUID()}:`, storeTimeoutMs);
    stores.push(store);
    const server = await startTestServer("sqlite", {
      rateLimitStore: () => store,
      env: { REQUEST_DEADLINE_MS: deadlineMs },
    });
    servers.push(server);
    return server;
  };
  const freeze = (on: boolean) => {
    redis.kill(on ? "SIGSTOP" : "SIGCONT");
    frozen = on;
  };
  const login = (server: TestServer, path: string, user: { email: string; password: string }) =>
    request(`${server.url}${path}`, { body: { email: user.email, password: user.password } });

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", ""], {
      stdio: "ignore",
    });
    await eventually(async () => (await openRedisRateLimitStore(url, "probe:", 500)).close());
  });
  afterAll(async () => {
    if (frozen) freeze(false);
    for (const server of servers) await server.close();
    for (const store of stores) await store.close().catch(() => {});
    redis?.kill("SIGTERM");
  });

  it("answers a login within REDIS_TIMEOUT_MS, then serves again once Redis resumes", async () => {
    const server = await serve(REDIS_TIMEOUT_MS, 60_000);
    const user = await registerUser(server.url);
    freeze(true);
    const started = performance.now();
    const legacy = await login(server, "/api/user/v1/login/", user);
    const trpc = await login(server, "/trpc/user.login", user);
    expect(performance.now() - started).toBeLessThan(2 * BOUND_MS);
    const reference = legacy.headers.get("x-request-id");
    expect([legacy.status, legacy.json]).toEqual([
      500,
      { status: 0, status_description: `server_error: ${reference}`, response_body: null },
    ]);
    expect(trpc.status).toBe(503);
    expect(trpc.json).toMatchObject({ error: { data: { otasCode: "server_error" } } });

    freeze(false);
    const back = await eventually(async () => {
      const res = await login(server, "/api/user/v1/login/", user);
      if (res.status !== 200) throw new Error(`still ${res.status}`);
      return res;
    });
    expect(back.json).toMatchObject({ status: 1, status_description: "login_success" });
  });

  it("answers by the request's deadline when Redis's own limit is longer", async () => {
    const server = await serve(60_000, 1000);
    const user = await registerUser(server.url);
    freeze(true);
    const started = performance.now();
    const res = await login(server, "/api/user/v1/login/", user);
    expect(performance.now() - started).toBeLessThan(1000 + BOUND_MS);
    const reference = res.headers.get("x-request-id") ?? "";
    expect([res.status, res.json]).toEqual([
      500,
      { status: 0, status_description: `server_error: ${reference}`, response_body: null },
    ]);
    const logged = server.logs
      .map((text) => JSON.parse(text) as { level: number; msg?: string; reference?: string })
      .find((line) => line.reference === reference && line.msg === "request deadline passed");
    expect(logged).toMatchObject({ level: 50 });
    freeze(false);
  });
});
