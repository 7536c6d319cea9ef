import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { scrape, total } from "../support/prometheus.js";
import { type ServerProcess, spawnServer, workersThatAnswered } from "../support/spawn-server.js";
import type { Provider } from "../support/test-server.js";

const MAX = 6;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const stores: { store: string; provider: Provider; env: () => Record<string, string> }[] = [
  { store: "memory", provider: "sqlite", env: () => ({}) },
  { store: "postgres", provider: "postgresql", env: () => ({}) },
  {
    store: "redis",
    provider: "sqlite",
    // Counters of its own on the shared Redis: another run never counts with this one.
    env: () => ({ REDIS_URL, REDIS_KEY_PREFIX: `otas-test-${randomUUID()}:` }),
  },
];

describe.each(stores)(
  "rate limits across two workers, $store store",
  ({ store, provider, env }) => {
    let database: TestDatabase;
    let server: ServerProcess;
    beforeAll(async () => {
      database = await createTestDatabase(provider);
      server = await spawnServer(database.url, {
        WEB_CONCURRENCY: "2",
        METRICS_PORT: "0",
        RATE_LIMIT_STORE: store,
        RATE_LIMIT_MAX: String(MAX),
        ...env(),
      });
    });
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it(`lets exactly ${MAX} logins of one address through in total, whichever worker answers`, async () => {
      // Each for another unknown account (login_failed), so only the per-address limit counts.
      const answers = await Promise.all(
        Array.from({ length: 3 * MAX }, (_, i) =>
          request(`${server.url}/api/user/v1/login/`, {
            body: { email: `nobody.${i}@example.com`, password: "wrong-password" },
          }),
        ),
      );
      const counted = answers.filter((answer) => answer.status !== 429);
      expect(counted).toHaveLength(MAX);
      for (const answer of counted) {
        expect([answer.status, answer.json]).toEqual([
          401,
          { status: 0, status_description: "login_failed" },
        ]);
      }
      for (const answer of answers.filter((a) => a.status === 429)) {
        expect(answer.json).toEqual({ status: 0, status_description: "rate_limited" });
      }
      const ids = answers.map((answer) => answer.headers.get("x-request-id") ?? "");
      const lines = await workersThatAnswered(server, ids);
      expect(new Set(lines.map((line) => line.worker))).toEqual(new Set([1, 2]));
      const samples = await scrape(server.metricsUrl ?? "");
      expect(
        total(samples, "otas_rate_limit_refusals_total", { bucket: "login", scope: "address" }),
      ).toBe(2 * MAX);
    });
  },
);
