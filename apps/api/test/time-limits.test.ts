import { openDatabase, sql } from "@otas/core";
import { type HeldLock, lockUsersTable } from "@otas/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import {
  type Provider,
  providers,
  startTestServer,
  type TestServer,
} from "./support/test-server.js";
import { uniqueEmail } from "./support/users.js";

/** Database limits far beyond the test: only the request's deadline can end the waits. */
const LONG_LIMITS = {
  connectTimeoutMs: 60_000,
  statementTimeoutMs: 60_000,
  lockTimeoutMs: 60_000,
  busyTimeoutMs: 60_000,
};
const DEADLINE_MS = 1500;
/** Generous on a slow shared machine, and still far below the 60 s the database would wait. */
const ANSWER_BOUND_MS = DEADLINE_MS + 6000;

const body = (email: string) => ({
  first_name: "Ada",
  last_name: "Lovelace",
  email,
  password: "secret1",
});

async function usersWithEmail(server: TestServer, email: string): Promise<number> {
  const rows = await server.database.sql.query<{ n: number | string }>(
    sql`SELECT COUNT(*) AS n FROM users WHERE email = ${email}`,
  );
  return Number(rows[0]?.n);
}

function errorLines(server: TestServer, reference: string) {
  return server.logs
    .map((text) => JSON.parse(text) as { level: number; reference?: string; msg?: string })
    .filter((line) => line.level >= 50 && line.reference === reference);
}

describe.each(providers)("time limits on %s", (provider: Provider) => {
  let server: TestServer | undefined;
  let lock: HeldLock | undefined;
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    await server?.close();
    server = undefined;
  });

  it("answers a create on a locked users table by its deadline, and it never commits", async () => {
    server = await startTestServer(provider, {
      env: { REQUEST_DEADLINE_MS: DEADLINE_MS },
      databaseOptions: LONG_LIMITS,
    });
    const email = uniqueEmail("locked");
    lock = await lockUsersTable(server.databaseUrl);
    const started = performance.now();
    const res = await request(`${server.url}/api/user/v1/create/`, { body: body(email) });
    const elapsed = performance.now() - started;
    const reference = res.headers.get("x-request-id") ?? "";
    expect([res.status, res.json]).toEqual([400, failure(`server_error: ${reference}`)]);
    expect(elapsed).toBeLessThan(ANSWER_BOUND_MS);
    expect(errorLines(server, reference)).not.toEqual([]);
    expect(server.logs.join("\n")).not.toContain("secret1");

    await lock.release();
    lock = undefined;
    // Had the first create still been waiting on the lock, it would come first and this would
    // be refused as a duplicate.
    const again = await request(`${server.url}/api/user/v1/create/`, { body: body(email) });
    expect(again.status).toBe(200);
    expect(await usersWithEmail(server, email)).toBe(1);
  });

  it("answers tRPC's create on a locked users table with 503 by its deadline", async () => {
    server = await startTestServer(provider, {
      env: { REQUEST_DEADLINE_MS: DEADLINE_MS },
      databaseOptions: LONG_LIMITS,
    });
    const email = uniqueEmail("locked-trpc");
    lock = await lockUsersTable(server.databaseUrl);
    const started = performance.now();
    const res = await request(`${server.url}/trpc/user.create`, { body: body(email) });
    expect(performance.now() - started).toBeLessThan(ANSWER_BOUND_MS);
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({
      error: {
        message: "server_error",
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, otasCode: "server_error" },
      },
    });
    await lock.release();
    lock = undefined;
    expect(await usersWithEmail(server, email)).toBe(0);
  });

  it("fails a create at the database's own lock limit, before the deadline", async () => {
    server = await startTestServer(provider, {
      env: { REQUEST_DEADLINE_MS: 60_000 },
      databaseOptions: { ...LONG_LIMITS, lockTimeoutMs: 500, busyTimeoutMs: 500 },
    });
    const email = uniqueEmail("lock-limit");
    lock = await lockUsersTable(server.databaseUrl);
    const started = performance.now();
    const res = await request(`${server.url}/api/user/v1/create/`, { body: body(email) });
    expect(performance.now() - started).toBeLessThan(500 + 6000);
    const reference = res.headers.get("x-request-id") ?? "";
    expect([res.status, res.json]).toEqual([400, failure(`server_error: ${reference}`)]);
    await lock.release();
    lock = undefined;
    expect(await usersWithEmail(server, email)).toBe(0);
  });
});

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("/healthz within its own bound", () => {
  let server: TestServer | undefined;
  let lock: HeldLock | undefined;
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    await server?.close();
    server = undefined;
  });
  const HEALTH_MS = 500;

  async function expectHealth(status: number) {
    const started = performance.now();
    const res = await request(`${server?.url}/healthz`, { method: "GET" });
    expect(res.status).toBe(status);
    expect(performance.now() - started).toBeLessThan(HEALTH_MS + 5000);
  }

  it("answers 503 on SQLite while another connection holds the write lock", async () => {
    server = await startTestServer("sqlite", {
      env: { HEALTH_TIMEOUT_MS: HEALTH_MS, REQUEST_DEADLINE_MS: 60_000 },
      databaseOptions: { busyTimeoutMs: 60_000 },
    });
    await expectHealth(200);
    lock = await lockUsersTable(server.databaseUrl);
    // Writes waiting for the lock do not hold the process: /healthz is still answered in time.
    const url = server.url;
    const waiting = [1, 2, 3].map(() =>
      request(`${url}/api/user/v1/create/`, { body: body(uniqueEmail("waiting")) }),
    );
    // Not a condition of the test: only gives the creates time to reach the lock first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectHealth(503);
    await lock.release();
    lock = undefined;
    expect((await Promise.all(waiting)).map((res) => res.status)).toEqual([200, 200, 200]);
    await expectHealth(200);
  });

  it("answers 503 on PostgreSQL while every connection waits on a locked table", async () => {
    server = await startTestServer("postgresql", {
      env: { HEALTH_TIMEOUT_MS: HEALTH_MS, REQUEST_DEADLINE_MS: 60_000 },
      databaseOptions: { poolSize: 1, ...LONG_LIMITS },
    });
    await expectHealth(200);
    lock = await lockUsersTable(server.databaseUrl);
    const stuck = request(`${server.url}/api/user/v1/create/`, { body: body(uniqueEmail()) });
    const observer = await openDatabase(server.databaseUrl);
    try {
      await waitFor(async () => {
        const [row] = await observer.sql.query<{ n: string }>(
          sql`SELECT COUNT(*) AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return Number(row?.n) > 0;
      });
    } finally {
      await observer.close();
    }
    await expectHealth(503);
    await lock.release();
    lock = undefined;
    expect((await stuck).status).toBe(200);
    await expectHealth(200);
  });
});
