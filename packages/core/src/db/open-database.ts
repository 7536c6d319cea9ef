import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import BetterSqlite3 from "better-sqlite3";
import { PrismaClient as PostgresPrismaClient } from "../generated/postgresql/client.js";
import { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client.js";
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
  if (parsed.provider === "sqlite") {
    const timeout = options.busyTimeoutMs ?? 5000;
    prepareSqliteFile(parsed.filename, timeout);
    client = new SqlitePrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${parsed.filename}`, timeout }),
      errorFormat: "minimal",
    });
  } else {
    const adapter = new PrismaPg({ connectionString: parsed.url, max: options.poolSize ?? 10 });
    // The one place the PostgreSQL client is treated as the SQLite one: same models, same API
    // (the generated types differ only in provider-specific internals, e.g. native type names).
    client = new PostgresPrismaClient({
      adapter,
      errorFormat: "minimal",
    }) as unknown as DatabaseClient;
  }
  return {
    provider: parsed.provider,
    client,
    ping: async () => {
      await client.$queryRaw`SELECT 1`;
    },
    close: () => client.$disconnect(),
  };
}

/**
 * Creates the file's folder and switches the database to WAL, so readers in other processes do
 * not block the writer. WAL is a property of the file, so setting it once here is enough.
 */
function prepareSqliteFile(filename: string, timeout: number): void {
  mkdirSync(path.dirname(filename), { recursive: true });
  const db = new BetterSqlite3(filename, { timeout });
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
