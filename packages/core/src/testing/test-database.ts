import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../db/migrate.js";

/** A throw-away, fully migrated database for one test file or test. */
export interface TestDatabase {
  url: string;
  /** Deletes the database (PostgreSQL: `DROP DATABASE … WITH (FORCE)`, SQLite: its folder). */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface TestDatabaseOptions {
  /** PostgreSQL server to create the database on; its database part is only used to connect. */
  postgresUrl?: string;
  /** Apply the migrations (default true); false leaves the database empty. */
  migrate?: boolean;
}

const defaultPostgresUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * Creates an empty database and (unless `migrate: false`) applies the migrations with
 * `migrateDatabase`: a fresh temp file
 * for SQLite, `otas_test_<random>` for PostgreSQL on `options.postgresUrl`, else TEST_POSTGRES_URL,
 * else the local server.
 * @throws Error saying how to start PostgreSQL when the server is unreachable (tests never skip).
 */
export async function createTestDatabase(
  provider: "sqlite" | "postgresql",
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = await mkdtemp(path.join(tmpdir(), "otas-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    if (options.migrate !== false) await migrateDatabase(url);
    return { url, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  // Test setup is the one place outside an env.ts that reads the environment: it has no config.
  const serverUrl = options.postgresUrl ?? process.env.TEST_POSTGRES_URL ?? defaultPostgresUrl;
  const name = `otas_test_${randomBytes(6).toString("hex")}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    if (options.migrate !== false) await migrateDatabase(url.href);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.href, drop };
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(serverUrl);
    throw new Error(
      `PostgreSQL at ${hostname}:${port || "5432"} is unreachable (${(error as Error).message}). ` +
        "Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, " +
        "or point TEST_POSTGRES_URL at a running server.",
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
