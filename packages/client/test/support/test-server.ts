import { buildApp } from "@otas/api";
import { createUserDeps, type Database, openDatabase } from "@otas/core";
import { createTestDatabase } from "@otas/core/testing";

export interface TestServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

/** The real API on a random loopback port, over a fresh, migrated PostgreSQL database. */
export async function startTestServer(): Promise<TestServer> {
  const testDatabase = await createTestDatabase("postgresql");
  const database = await openDatabase(testDatabase.url);
  const deps = createUserDeps(database.client, {
    jwtSecret: "client-test-secret-that-is-at-least-32-bytes",
    jwtValidityDays: 30,
    bcryptRounds: 4,
  });
  const app = await buildApp({
    env: { LOG_LEVEL: "silent", CORS_ORIGINS: ["*"], BODY_LIMIT_BYTES: 65_536 },
    deps,
    database,
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    database,
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
