import { createUserDeps, type Database, openDatabase, type UserDeps } from "@otas/core";
import { createTestDatabase } from "@otas/core/testing";
import { buildApp } from "../../src/app.js";

export type Provider = "sqlite" | "postgresql";
export const providers: Provider[] = ["sqlite", "postgresql"];

/** The secret test servers sign with; tests verify tokens with it. */
export const TEST_JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long";

export interface TestServer {
  url: string;
  deps: UserDeps;
  /** The server's database, for tests to look at what was stored. */
  database: Database;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  /** Renames the users table under the running server, to provoke unexpected failures. */
  breakStorage(): Promise<void>;
  close(): Promise<void>;
}

/** A real server on a random loopback port, over a fresh, migrated database of `provider`. */
export async function startTestServer(provider: Provider): Promise<TestServer> {
  const testDatabase = await createTestDatabase(provider);
  const database = await openDatabase(testDatabase.url);
  const deps = createUserDeps(database.client, {
    jwtSecret: TEST_JWT_SECRET,
    jwtValidityDays: 30,
    bcryptRounds: 4,
  });
  const logs: string[] = [];
  const app = await buildApp({
    env: { LOG_LEVEL: "info", CORS_ORIGINS: ["*"], BODY_LIMIT_BYTES: 65_536 },
    deps,
    database,
    logStream: { write: (line) => void logs.push(line) },
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    deps,
    database,
    logs,
    async breakStorage() {
      await database.client.$executeRawUnsafe("ALTER TABLE users RENAME TO users_gone");
    },
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
