import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "../support/http.js";
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

    it(`lets exactly ${MAX} creates of one address through in total, whichever worker answers`, async () => {
      // `{}` is refused after the count (missing_fields), so no bcrypt slows the test down.
      const answers = await Promise.all(
        Array.from({ length: 3 * MAX }, () =>
          request(`${server.url}/api/user/v1/create/`, { body: {} }),
        ),
      );
      const counted = answers.filter((answer) => answer.status !== 429);
      expect(counted).toHaveLength(MAX);
      for (const answer of counted) {
        expect(answer.json).toEqual(
          failure("missing_fields: first_name, last_name, email, password"),
        );
      }
      for (const answer of answers.filter((a) => a.status === 429)) {
        expect(answer.json).toEqual(failure("rate_limited"));
      }
      const ids = answers.map((answer) => answer.headers.get("x-request-id") ?? "");
      const lines = await workersThatAnswered(server, ids);
      expect(new Set(lines.map((line) => line.worker))).toEqual(new Set([1, 2]));
      const samples = await scrape(server.metricsUrl ?? "");
      expect(
        total(samples, "otas_rate_limit_refusals_total", { bucket: "create", scope: "address" }),
      ).toBe(2 * MAX);
    });
  },
);
