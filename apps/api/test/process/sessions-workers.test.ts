import { performance } from "node:perf_hooks";
import { type Database, openDatabase, raw, sql } from "@otas/core";
import { createTestDatabase, handMadeToken, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { scrape, total } from "../support/prometheus.js";
import { type ServerProcess, spawnServer, workersThatAnswered } from "../support/spawn-server.js";
import { TEST_JWT_SECRET } from "../support/test-server.js";
import { registerUser } from "../support/users.js";

/** One authenticate sent while a sign-out ran: when it left, what it got, who answered. */
interface Probe {
  sentAt: number;
  status: number;
  requestId: string;
}

/**
 * Sends authenticates with `token` from `clients` concurrent loops: once each loop has seen the
 * token work, `signOut` runs while they go on, until `after` probes sent after it answered have
 * been answered too (bounded by `timeoutMs`). Resolves with every probe and when it answered.
 */
async function probeAround(
  url: string,
  token: string,
  signOut: () => Promise<{ status: number }>,
  { clients = 6, after = 30, timeoutMs = 15_000 } = {},
) {
  const deadline = performance.now() + timeoutMs;
  const probes: Probe[] = [];
  let answeredAt = Number.POSITIVE_INFINITY;
  const done = () =>
    performance.now() > deadline ||
    probes.filter((probe) => probe.sentAt > answeredAt).length >= after;
  const loops = Array.from({ length: clients }, async () => {
    while (!done()) {
      const sentAt = performance.now();
      const res = await request(`${url}/api/user/v1/authenticate/`, {
        headers: { "x-otas-user-token": token },
      });
      probes.push({ sentAt, status: res.status, requestId: res.headers.get("x-request-id") ?? "" });
    }
  });
  while (probes.filter((probe) => probe.status === 200).length < clients && !done()) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const answer = await signOut();
  answeredAt = performance.now();
  await Promise.all(loops);
  return { probes, answeredAt, signOutStatus: answer.status };
}

describe.each(["sqlite", "postgresql"] as const)(
  "sessions across two workers on %s",
  (provider) => {
    let database: TestDatabase;
    let server: ServerProcess;
    let db: Database;
    beforeAll(async () => {
      database = await createTestDatabase(provider);
      server = await spawnServer(database.url, {
        WEB_CONCURRENCY: "2",
        METRICS_PORT: "0",
        SESSION_SWEEP_INTERVAL_MS: "1000",
      });
      db = await openDatabase(database.url);
    });
    afterAll(async () => {
      await server?.stop();
      await db?.close();
      await database?.drop();
    });

    const post = (path: string, token: string) =>
      request(`${server.url}/api/user/v1/${path}`, { headers: { "x-otas-user-token": token } });

    it.each([
      ["logout/ of a session", "logout/", false],
      ["logout/ of a token without a session", "logout/", true],
      ["logout-all/", "logout-all/", false],
    ])(
      "%s racing authenticates: once it answered, no worker lets the token through",
      async (_name, path, sessionless) => {
        const { user, token: sessionToken } = await registerUser(server.url);
        const iat = Math.floor(Date.now() / 1000) - 60;
        const token = sessionless
          ? handMadeToken(
              { user_id: user.id, email: user.email, iat, exp: iat + 3600 },
              { secret: TEST_JWT_SECRET },
            )
          : sessionToken;
        const { probes, answeredAt, signOutStatus } = await probeAround(server.url, token, () =>
          post(path, token),
        );
        expect(signOutStatus).toBe(200);
        const after = probes.filter((probe) => probe.sentAt > answeredAt);
        // The race really ran: the token worked before, and was tried after, on both workers.
        expect(probes.filter((probe) => probe.status === 200).length).toBeGreaterThanOrEqual(6);
        expect(after.length).toBeGreaterThanOrEqual(30);
        expect(after.filter((probe) => probe.status !== 401)).toEqual([]);
        const workers = await workersThatAnswered(
          server,
          after.map((probe) => probe.requestId),
        );
        expect(new Set(workers.map((line) => line.worker)).size).toBe(2);
      },
    );

    it("deletes expired sessions and sign-out records on its own, leaving live ones", async () => {
      const { user } = await registerUser(server.url);
      const past = (hours: number) => new Date(Date.now() - hours * 3_600_000);
      const at = (moment: Date) =>
        provider === "postgresql" ? moment : moment.toISOString().replace("Z", "000+00:00");
      for (let i = 0; i < 30; i += 1) {
        await db.sql.execute(sql`
          INSERT INTO user_sessions (id, user_id, created_at, expires_at, last_used_at)
          VALUES (${`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`}, ${user.id},
            ${at(past(48))}, ${at(past(1))}, ${at(past(48))})`);
        await db.sql.execute(sql`
          INSERT INTO revoked_tokens (token_digest, user_id, expires_at)
          VALUES (${String(i).padStart(64, "a")}, ${user.id}, ${at(past(1))})`);
      }
      const count = async (table: string) => {
        const [row] = await db.sql.query<{ n: number | string }>(
          sql`SELECT count(*) AS n FROM ${raw(table)} WHERE user_id = ${user.id}`,
        );
        return Number(row?.n);
      };
      const deadline = Date.now() + 20_000;
      while ((await count("user_sessions")) > 1 || (await count("revoked_tokens")) > 0) {
        if (Date.now() > deadline) throw new Error("the expired rows were never deleted");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // The sign-up's own session is live and stays.
      expect(await count("user_sessions")).toBe(1);
    }, 30_000);

    it("shows live sessions once, not once per worker, and sign-outs summed over the workers", async () => {
      const before = await scrape(server.metricsUrl ?? "");
      const users = await Promise.all([registerUser(server.url), registerUser(server.url)]);
      await Promise.all(users.map(({ token }) => post("logout/", token)));
      await registerUser(server.url);
      const after = await scrape(server.metricsUrl ?? "");
      const [row] = await db.sql.query<{ n: number | string }>(
        sql`SELECT count(*) AS n FROM user_sessions`,
      );
      expect(total(after, "otas_sessions_live")).toBe(Number(row?.n));
      expect(
        total(after, "otas_sign_outs_total", { kind: "sign_out" }) -
          total(before, "otas_sign_outs_total", { kind: "sign_out" }),
      ).toBe(2);
    });
  },
);
