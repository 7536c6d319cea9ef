import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client.js";
import { parseDatabaseUrl } from "./database-url.js";

/**
 * The Prisma client type the application codes against. Both generated clients come from model
 * blocks kept identical by prisma/check-models.mjs, so they expose the same model API.
 */
export type DatabaseClient = SqlitePrismaClient;

/** An open database: the Prisma client plus what a server needs around it. */
export interface Database {
  provider: "sqlite" | "postgresql";
  client: DatabaseClient;
  /** Runs `SELECT 1`; rejects when the database cannot answer (for health checks). */
  ping(): Promise<void>;
  /** Disconnects the client and closes its connections. */
  close(): Promise<void>;
}

const providers = new WeakMap<DatabaseClient, Database["provider"]>();

/**
 * The provider a client was opened for by {@link openDatabase}, for code that writes SQL of its
 * own (the two generated clients share one type).
 * @throws Error for a client {@link openDatabase} did not open.
 */
export function providerOf(client: DatabaseClient): Database["provider"] {
  const provider = providers.get(client);
  if (provider === undefined)
    throw new Error("This database client was not opened by openDatabase.");
  return provider;
}

/** Tuning for {@link openDatabase}; the defaults suit one API process. */
export interface OpenDatabaseOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /** SQLite: how long a write waits for another process's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/**
 * Opens the database a URL names: SQLite (`file:`) through better-sqlite3 or PostgreSQL through a
 * pg pool, both driven by Prisma's driver adapters. Does not migrate; see `migrateDatabase`.
 * Errors are "minimal": no code frames of the call site (which could quote the query's
 * arguments, such as a password hash) ever reach a log line.
 */
export async function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  let client: DatabaseClient;
  // Each provider's client, adapter and driver load only when used: one process needs one, and
  // loading both costs a CLI command or a cold start noticeable time.
  if (parsed.provider === "sqlite") {
    const [
      { PrismaClient: SqlitePrismaClient },
      { PrismaBetterSqlite3 },
      { default: BetterSqlite3 },
    ] = await Promise.all([
      import("../generated/sqlite/client.js"),
      import("@prisma/adapter-better-sqlite3"),
      import("better-sqlite3"),
    ]);
    const timeout = options.busyTimeoutMs ?? 5000;
    // WAL lets readers in other processes proceed while one writes. It is a property of the
    // file, so setting it once, here, is enough.
    mkdirSync(path.dirname(parsed.filename), { recursive: true });
    const file = new BetterSqlite3(parsed.filename, { timeout });
    try {
      file.pragma("journal_mode = WAL");
    } finally {
      file.close();
    }
    client = new SqlitePrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${parsed.filename}`, timeout }),
      errorFormat: "minimal",
    });
  } else {
    const [{ PrismaClient: PostgresPrismaClient }, { PrismaPg }] = await Promise.all([
      import("../generated/postgresql/client.js"),
      import("@prisma/adapter-pg"),
    ]);
    const adapter = new PrismaPg({ connectionString: parsed.url, max: options.poolSize ?? 10 });
    // The one place the PostgreSQL client is treated as the SQLite one: same models, same API
    // (the generated types differ only in provider-specific internals, e.g. native type names).
    client = new PostgresPrismaClient({
      adapter,
      errorFormat: "minimal",
    }) as unknown as DatabaseClient;
  }
  providers.set(client, parsed.provider);
  return {
    provider: parsed.provider,
    client,
    ping: async () => {
      await client.$queryRaw`SELECT 1`;
    },
    close: () => client.$disconnect(),
  };
}
