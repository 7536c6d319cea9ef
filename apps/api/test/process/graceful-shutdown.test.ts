import { openDatabase } from "@otas/core";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream } from "../support/create-stream.js";
import { spawnServer } from "../support/spawn-server.js";
import { providers } from "../support/test-server.js";

const setups = providers.flatMap((provider) => [1, 2].map((workers) => ({ provider, workers })));

describe.each(setups)(
  "graceful shutdown on $provider, WEB_CONCURRENCY=$workers",
  ({ provider, workers }) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(provider);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("answers every request sent before SIGTERM, stores every 200, and exits 0", async () => {
      const server = await spawnServer(database.url, {
        WEB_CONCURRENCY: String(workers),
        SHUTDOWN_DRAIN_MS: "500",
        SHUTDOWN_TIMEOUT_MS: "5000",
      });
      const stream = startCreateStream(server.url);
      await stream.succeeded(30);

      // From here no new request is sent: everything in `sent` went out before the signal.
      const stopping = stream.stop();
      server.child.kill("SIGTERM");
      await stopping;
      // Still draining: a load balancer's health check now sees 503 and stops routing here.
      const health = await fetch(`${server.url}/healthz`);
      expect([health.status, health.headers.get("connection")]).toEqual([503, "close"]);
      const exitCode = await server.exited;

      expect(exitCode).toBe(0);
      const unanswered = stream.sent.filter((item) => item.status === undefined);
      expect(unanswered).toEqual([]);
      const created = stream.sent.filter((item) => item.status === 200);
      expect(created.length).toBeGreaterThanOrEqual(30);
      expect(stream.sent.every((item) => item.status === 200 || item.status === 503)).toBe(true);

      const db = await openDatabase(database.url);
      try {
        const rows = await (await db.prisma()).user.findMany({ select: { id: true, email: true } });
        const stored = new Map(rows.map((row) => [row.email, row.id]));
        for (const item of created) expect(stored.get(item.email)).toBe(item.userId);
      } finally {
        await db.close();
      }
      // Every serving process drained, the primary (when there is one) saw them all exit 0.
      const drained = server.logs.filter(
        (line) => line.msg === "shutting down: finishing in-flight requests",
      );
      expect(drained).toHaveLength(workers);
      if (workers > 1) {
        expect(new Set(drained.map((line) => line.worker)).size).toBe(workers);
        expect(server.logs.some((line) => line.msg === "every worker shut down cleanly")).toBe(
          true,
        );
      }
    });
  },
);
