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

  it("counts creates refused after hashing, and not bodies refused before it", async () => {
    const from = newAddress();
    const taken = signUp();
    expect((await create(server, newAddress(), taken)).status).toBe(200);
    // Malformed or incomplete bodies cost no hashing: refused for what they are, never counted.
    for (let i = 0; i < 2 * MAX; i += 1) {
      expect((await create(server, from, "{")).json).toMatchObject({
        status_description: "invalid_json",
      });
      expect((await create(server, from, {})).status).toBe(400);
    }
    // A taken email is refused after the password was hashed: counted like a success.
    for (let i = 0; i < MAX; i += 1) {
      expect((await create(server, from, taken)).json).toMatchObject({
        status_description: "user_already_exists",
      });
    }
    expect((await create(server, from)).status).toBe(429);
    expect((await create(server, from, taken)).status).toBe(429);
    expect((await create(server, from, {})).status).toBe(400);
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

/** A new user, registered from an address of its own; what a client keeps. */
async function signedUp(server: TestServer) {
  const body = signUp();
  const res = await create(server, newAddress(), body);
  const { jwt_token } = (res.json as { response_body: { jwt_token: string } }).response_body;
  return { token: jwt_token, email: body.email, password: body.password };
}

function updatePassword(server: TestServer, from: string, token: string, password: string) {
  return request(`${server.url}/api/user/v1/reset-password/update/`, {
    method: "PUT",
    body: { password },
    headers: { "x-forwarded-for": from, "x-otas-user-token": token },
  });
}

const ACCOUNT_MAX = 4;

describe("rate limits on password changes, per account, per normalised address, on batches", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      env: { ...limited, RATE_LIMIT_ACCOUNT_MAX: ACCOUNT_MAX },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("limits password updates per address, REST and tRPC counted together", async () => {
    const { token } = await signedUp(server);
    const from = newAddress();
    expect((await updatePassword(server, from, token, "new-secret-1")).status).toBe(200);
    const trpc = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          headers: { "x-forwarded-for": from, "x-otas-user-token": token },
        }),
      ],
    });
    expect(await trpc.user.updatePassword.mutate({ password: "new-secret-2" })).toBeNull();
    expect((await updatePassword(server, from, token, "new-secret-3")).status).toBe(200);
    const refused = await updatePassword(server, from, token, "new-secret-4");
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const error = await trpcFailure(trpc.user.updatePassword.mutate({ password: "new-secret-5" }));
    expect(error.data?.otasCode).toBe("rate_limited");
  });

  it("limits password updates of one account from any number of addresses", async () => {
    const { token, email } = await signedUp(server);
    for (let i = 0; i < ACCOUNT_MAX; i += 1) {
      expect((await updatePassword(server, newAddress(), token, `changed-${i}`)).status).toBe(200);
    }
    const refused = await updatePassword(server, newAddress(), token, "one-too-many");
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
    const last = `changed-${ACCOUNT_MAX - 1}`;
    const stillLast = await request(`${server.url}/api/user/v1/login/`, {
      body: { email, password: last },
      headers: { "x-forwarded-for": newAddress() },
    });
    expect(stillLast.status).toBe(200);
  });

  it("throttles guesses at one account's password from many addresses", async () => {
    const { email, password } = await signedUp(server);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await request(`${server.url}/api/user/v1/login/`, {
        body: { email, password: `guess-${i}` },
        headers: { "x-forwarded-for": `198.51.100.${(i % 6) + 1}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([
      ...Array(ACCOUNT_MAX).fill(401),
      ...Array(12 - ACCOUNT_MAX).fill(429),
    ]);
    // The right password is refused too until the window ends: the limit is the account's.
    const right = await request(`${server.url}/api/user/v1/login/`, {
      body: { email, password },
      headers: { "x-forwarded-for": newAddress() },
    });
    expect([right.status, right.json]).toEqual([429, LOGIN_LIMITED]);
  });

  it("counts one IPv4 address as one client however it is written, and IPv6 per /64", async () => {
    for (const written of ["192.0.2.77", "::ffff:192.0.2.77", "::ffff:c000:24d"]) {
      expect((await create(server, written)).status).toBe(200);
    }
    expect((await create(server, "192.0.2.77:1001")).status).toBe(429);
    for (const written of ["2001:db8:7:7::1", "2001:db8:7:7::2", "2001:db8:7:7:ffff::3"]) {
      expect((await create(server, written)).status).toBe(200);
    }
    expect((await create(server, "2001:db8:7:7::4")).status).toBe(429);
    expect((await create(server, "2001:db8:7:8::1")).status).toBe(200);
  });

  it("refuses a tRPC batch carrying a password-hashing procedure before anything runs", async () => {
    const { token, email, password } = await signedUp(server);
    const res = await request(
      `${server.url}/trpc/user.updatePassword,user.updatePassword?batch=1`,
      {
        body: { "0": { password: "batched-1" }, "1": { password: "batched-2" } },
        headers: { "x-otas-user-token": token, "x-forwarded-for": newAddress() },
      },
    );
    expect(res.status).toBe(400);
    const calls = res.json as { error: { data: { otasCode: string } } }[];
    expect(calls.map((call) => call.error.data.otasCode)).toEqual([
      "batch_not_allowed",
      "batch_not_allowed",
    ]);
    const login = await request(`${server.url}/api/user/v1/login/`, {
      body: { email, password },
      headers: { "x-forwarded-for": newAddress() },
    });
    expect(login.status).toBe(200);
  });

  it("still batches cheap calls, up to a bound", async () => {
    const { token } = await signedUp(server);
    const headers = { "x-otas-user-token": token };
    const two = await request(`${server.url}/trpc/user.me,user.me?batch=1&input={}`, {
      method: "GET",
      headers,
    });
    expect(two.status).toBe(200);
    const many = Array(17).fill("user.me").join(",");
    const tooMany = await request(`${server.url}/trpc/${many}?batch=1&input={}`, {
      method: "GET",
      headers,
    });
    expect(tooMany.status).toBe(400);
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
      rateLimitStore: (db) => rateLimitStore(db.sql),
    });
    second = await startTestServer("postgresql", {
      env,
      databaseUrl: first.databaseUrl,
      rateLimitStore: (db) => rateLimitStore(db.sql),
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
