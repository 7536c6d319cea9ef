import type { AppRouter } from "@otas/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresRateLimitStore } from "../src/limits/postgres-rate-limit-store.js";
import { failure, request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";
import { uniqueEmail } from "./support/users.js";

const MAX = 3;
const limited = { RATE_LIMIT_MAX: MAX, TRUST_PROXY: ["127.0.0.1"] };
const LOGIN_LIMITED = { status: 0, status_description: "rate_limited" };

let lastOctet = 0;
/** A client address no other test in this file uses (sent through the trusted proxy). */
function newAddress(): string {
  lastOctet += 1;
  return `203.0.113.${lastOctet}`;
}

function signUp() {
  return {
    first_name: "Ada",
    last_name: "Lovelace",
    email: uniqueEmail("rl"),
    password: "secret1",
  };
}

function create(server: TestServer, from: string, body: unknown = signUp()) {
  return request(`${server.url}/api/user/v1/create/`, {
    body,
    headers: { "x-forwarded-for": from },
  });
}

function login(server: TestServer, from: string) {
  return request(`${server.url}/api/user/v1/login/`, {
    body: { email: "nobody@example.com", password: "wrong-password" },
    headers: { "x-forwarded-for": from },
  });
}

function trpcFrom(server: TestServer, from: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${server.url}/trpc`, headers: { "x-forwarded-for": from } })],
  });
}

describe("rate limits, in-memory store", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { env: limited });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers the N+1th create of an address 429 with the envelope, other addresses unaffected", async () => {
    const from = newAddress();
    for (let i = 0; i < MAX; i += 1) expect((await create(server, from)).status).toBe(200);
    const refused = await create(server, from);
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await create(server, newAddress())).status).toBe(200);
  });

  it("counts failed creates too (a bad body is no way around the limit)", async () => {
    const from = newAddress();
    for (let i = 0; i < MAX; i += 1) expect((await create(server, from, "{")).status).toBe(400);
    expect((await create(server, from)).status).toBe(429);
  });

  it("answers the N+1th login 429 with login's bare body", async () => {
    const from = newAddress();
    for (let i = 0; i < MAX; i += 1) expect((await login(server, from)).status).toBe(401);
    const refused = await login(server, from);
    expect([refused.status, refused.json]).toEqual([429, LOGIN_LIMITED]);
    expect((await login(server, newAddress())).status).toBe(401);
  });

  it("keeps separate counts for create and login", async () => {
    const from = newAddress();
    for (let i = 0; i < MAX; i += 1) await login(server, from);
    expect((await login(server, from)).status).toBe(429);
    expect((await create(server, from)).status).toBe(200);
  });

  it("shares one count between REST and tRPC calls of the same procedure", async () => {
    const from = newAddress();
    const trpc = trpcFrom(server, from);
    await create(server, from);
    await trpc.user.create.mutate(signUp());
    await create(server, from);
    const error = await trpcFailure(trpc.user.create.mutate(signUp()));
    expect(error.data?.code).toBe("TOO_MANY_REQUESTS");
    expect(error.data?.otasCode).toBe("rate_limited");
    expect(error.data?.httpStatus).toBe(429);
    expect((await create(server, from)).status).toBe(429);

    const other = newAddress();
    for (let i = 0; i < MAX; i += 1) await login(server, other);
    const loginError = await trpcFailure(
      trpcFrom(server, other).user.login.mutate({ email: "x@example.com", password: "nope-nope" }),
    );
    expect(loginError.data?.otasCode).toBe("rate_limited");
  });

  it("does not limit the other endpoints", async () => {
    const from = newAddress();
    for (let i = 0; i < MAX + 2; i += 1) {
      const res = await request(`${server.url}/api/user/v1/authenticate/`, {
        headers: { "x-forwarded-for": from },
      });
      expect(res.status).toBe(400);
    }
  });
});

describe("rate limits without a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { env: { RATE_LIMIT_MAX: MAX } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("ignores X-Forwarded-For, so a client cannot reset its count by forging it", async () => {
    for (let i = 0; i < MAX; i += 1) await create(server, newAddress());
    const refused = await create(server, newAddress());
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
  });
});

describe("rate limits, PostgreSQL store shared by two app instances", () => {
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    const env = { ...limited, RATE_LIMIT_WINDOW_MS: 1500 };
    const rateLimitStore = postgresRateLimitStore;
    first = await startTestServer("postgresql", {
      env,
      rateLimitStore: (db) => rateLimitStore(db.client),
    });
    second = await startTestServer("postgresql", {
      env,
      databaseUrl: first.databaseUrl,
      rateLimitStore: (db) => rateLimitStore(db.client),
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("counts an address's requests on both instances together, then starts a new window", async () => {
    const from = newAddress();
    expect((await create(first, from)).status).toBe(200);
    expect((await create(second, from)).status).toBe(200);
    expect((await create(first, from)).status).toBe(200);
    const refused = await create(second, from);
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
    expect((await login(first, from)).status).toBe(401);
    expect((await create(first, newAddress())).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await create(second, from)).status).toBe(200);
  });

  it("counts concurrent requests exactly (atomic upsert)", async () => {
    const from = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(i % 2 === 0 ? first : second, from)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(MAX).fill(401), ...Array(10 - MAX).fill(429)]);
  });
});
