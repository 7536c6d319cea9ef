import { createTestDatabase, type HeldLock, lockUsersTable, querySql } from "@otas/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";
import { uniqueEmail } from "../support/users.js";

// The settings reach the production command: the database's limits far beyond the test, so only
// REQUEST_DEADLINE_MS can end the wait for the lock.
const SETTINGS = {
  REQUEST_DEADLINE_MS: "1500",
  HEALTH_TIMEOUT_MS: "500",
  DATABASE_STATEMENT_TIMEOUT_MS: "60000",
  DATABASE_LOCK_TIMEOUT_MS: "60000",
  DATABASE_BUSY_TIMEOUT_MS: "60000",
};

describe.each(["sqlite", "postgresql"] as const)(
  "time limits of the built server on %s",
  (provider) => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it("answers a create on a locked users table by REQUEST_DEADLINE_MS, leaving nothing stored", async () => {
      const database = await createTestDatabase(provider);
      cleanups.push(() => database.drop());
      const server: ServerProcess = await spawnServer(database.url, SETTINGS);
      cleanups.push(() => server.stop());
      let lock: HeldLock | undefined = await lockUsersTable(database.url);
      cleanups.push(async () => lock?.release());
      const email = uniqueEmail("process-locked");
      const started = performance.now();
      const res = await request(`${server.url}/api/user/v1/create/`, {
        body: { first_name: "Ada", last_name: "Lovelace", email, password: "secret1" },
      });
      expect(performance.now() - started).toBeLessThan(1500 + 6000);
      const reference = res.headers.get("x-request-id");
      expect([res.status, res.json]).toEqual([
        400,
        { status: 0, status_description: `server_error: ${reference}`, response_body: null },
      ]);
      expect(server.logs.some((line) => line.reference === reference && line.level === 50)).toBe(
        true,
      );
      const health = await request(`${server.url}/healthz`, { method: "GET" });
      if (provider === "sqlite") expect(health.status).toBe(503);

      await lock.release();
      lock = undefined;
      const again = await request(`${server.url}/api/user/v1/create/`, {
        body: { first_name: "Ada", last_name: "Lovelace", email, password: "secret1" },
      });
      expect(again.status).toBe(200);
      const rows = await querySql(database.url, `SELECT id FROM users WHERE email = '${email}'`);
      expect(rows).toHaveLength(1);
    });
  },
);
