import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createUserDeps,
  type Database,
  type OpenDatabaseOptions,
  openDatabase,
  raw,
  type UserDeps,
} from "@otas/core";
import { createTestDatabase } from "@otas/core/testing";
import { type BuildAppOptions, buildApp } from "../../src/app.js";
import type { ServiceMetrics } from "../../src/metrics/service-metrics.js";

export type Provider = "sqlite" | "postgresql";
export const providers: Provider[] = ["sqlite", "postgresql"];

/** The web app reset links point at. */
export const TEST_APP_URL = "http://localhost:5173";

/** The secret test servers sign with; tests verify tokens with it. */
export const TEST_JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long";

export interface TestServer {
  url: string;
  /** The database's URL, for a second server on the same database. */
  databaseUrl: string;
  /** The server's DATA_DIR (a fresh folder unless `env` names one): the mail outbox is in it. */
  dataDir: string;
  deps: UserDeps;
  /** The server's database, for tests to look at what was stored. */
  database: Database;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  /** Renames the users table under the running server, to provoke unexpected failures. */
  breakStorage(): Promise<void>;
  close(): Promise<void>;
}

/** What a test may change about its server. */
export interface TestServerOptions {
  /** Settings over the test defaults (which allow a million creates and logins a minute). */
  env?: Partial<BuildAppOptions["env"]>;
  /** Serve this database instead of a fresh one (it is then not dropped on close). */
  databaseUrl?: string;
  rateLimitStore?: (database: Database) => BuildAppOptions["rateLimitStore"];
  /** The web app reset links point at (default {@link TEST_APP_URL}). */
  appUrl?: string;
  /** How long reset links work (default 60 minutes). */
  resetTokenTtlMinutes?: number;
  /** Recorded by the server (its hashing included) when given. */
  metrics?: ServiceMetrics;
  /** The database's pool size and time limits (the settings' defaults when absent). */
  databaseOptions?: OpenDatabaseOptions;
}

/** A real server on a random loopback port, over a fresh, migrated database of `provider`. */
export async function startTestServer(
  provider: Provider,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const testDatabase =
    options.databaseUrl === undefined
      ? await createTestDatabase(provider)
      : { url: options.databaseUrl, drop: async () => {} };
  const database = await openDatabase(testDatabase.url, options.databaseOptions);
  const deps = createUserDeps(database.sql, {
    jwtSecret: TEST_JWT_SECRET,
    jwtValidityDays: 30,
    bcryptRounds: 4,
    appUrl: options.appUrl ?? TEST_APP_URL,
    ...(options.resetTokenTtlMinutes === undefined
      ? {}
      : { resetTokenTtlMinutes: options.resetTokenTtlMinutes }),
    hashingObserver: options.metrics?.hashingObserver,
  });
  const ownDataDir = await mkdtemp(path.join(tmpdir(), "otas-server-data-"));
  const dataDir = options.env?.DATA_DIR ?? ownDataDir;
  const logs: string[] = [];
  const app = await buildApp({
    env: {
      LOG_LEVEL: "info",
      CORS_ORIGINS: ["*"],
      BODY_LIMIT_BYTES: 65_536,
      RATE_LIMIT_MAX: 1_000_000,
      DATA_DIR: dataDir,
      // Mail goes out within about 50 ms, and retries do not slow tests.
      MAIL_POLL_MS: 50,
      MAIL_RETRY_DELAYS_MS: [50, 100],
      ...options.env,
    },
    deps,
    database,
    rateLimitStore: options.rateLimitStore?.(database),
    metrics: options.metrics,
    logStream: { write: (line) => void logs.push(line) },
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    databaseUrl: testDatabase.url,
    dataDir,
    deps,
    database,
    logs,
    async breakStorage() {
      await database.sql.execute(raw("ALTER TABLE users RENAME TO users_gone"));
    },
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
      await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}
