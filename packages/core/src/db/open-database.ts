import type { CoreEnv } from "../config/env.js";
import { ensurePrivateFile } from "../files/private-files.js";
import type { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client.js";
import type { Deadline } from "../time-limits/deadline.js";
import { parseDatabaseUrl } from "./database-url.js";
import { loadPg } from "./postgres-connect.js";
import { type PostgresSqlClientOptions, postgresSqlClient } from "./postgres-sql-client.js";
import { type SqlClient, sql } from "./sql-client.js";
import {
  checkSqliteFiles,
  probeSqliteFile,
  type SqliteStorageError,
  sqliteFilesOf,
} from "./sqlite-file-probe.js";
import { sqliteSqlClient } from "./sqlite-sql-client.js";

/**
 * The Prisma client type the application codes against. Both generated clients come from model
 * blocks kept identical by prisma/check-models.mjs, so they expose the same model API.
 */
export type DatabaseClient = SqlitePrismaClient;

/** An open database: SQL on its driver, the Prisma client on demand, and a health check. */
export interface Database {
  provider: "sqlite" | "postgresql";
  /** SQL on the database's own driver: what the service's repositories run on. */
  sql: SqlClient;
  /**
   * The Prisma client over the same database, created on first use: for scripts and tests that
   * like its model API. A process that never asks for it never loads Prisma's query engine.
   */
  prisma(): Promise<DatabaseClient>;
  /**
   * Runs `SELECT 1`; rejects when the database cannot answer (for health checks). On SQLite it
   * also rejects when the file it opened or its `-wal` was deleted, replaced or made unwritable
   * (writes are then refused too), when the disk holding it is full, or when another connection
   * holds the write lock past the busy timeout. Every wait is bounded by the settings, and by
   * `deadline` when given.
   */
  ping(deadline?: Deadline): Promise<void>;
  /** Closes every connection (the driver's and, when opened, Prisma's). */
  close(): Promise<void>;
}

/**
 * Tuning for {@link openDatabase}; the defaults suit one API process and are those of the
 * `DATABASE_*` settings (see `databaseOptions`). Under a deadline (`SqlClient.under`) each wait is
 * cut to its time left.
 */
export interface OpenDatabaseOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL: the URL is a transaction-pooling proxy's (PgBouncer `pool_mode = transaction`;
   * default false): statements go unnamed and the time limits are set in each transaction.
   */
  transactionPooler?: boolean;
  /**
   * SQLite: how long a statement waits for another connection's write lock, in ms (default 5000),
   * trying again with pauses that leave the process free.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL: how long to wait for a free connection, or to connect one, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long one statement may run, lock waits included, in ms (default 5000). */
  statementTimeoutMs?: number;
  /** PostgreSQL: how long one statement may wait for a lock, in ms (default 2000). */
  lockTimeoutMs?: number;
}

/** The time limits of {@link OpenDatabaseOptions}, from the `DATABASE_*_TIMEOUT_MS` settings. */
export function databaseTimeLimits(
  env: Pick<
    CoreEnv,
    | "DATABASE_CONNECT_TIMEOUT_MS"
    | "DATABASE_STATEMENT_TIMEOUT_MS"
    | "DATABASE_LOCK_TIMEOUT_MS"
    | "DATABASE_BUSY_TIMEOUT_MS"
  >,
): OpenDatabaseOptions {
  return {
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
  };
}

/** The driver connection, how to build a Prisma client sharing the database, a file check. */
interface Opened {
  sql: SqlClient;
  createPrisma: () => Promise<DatabaseClient>;
  /** Rejects when the storage under the connection is no longer usable. */
  probe: (deadline: Deadline | undefined) => Promise<void>;
}

/**
 * Opens the database a URL names: SQLite (`file:`) through better-sqlite3 or PostgreSQL through a
 * pg pool. Does not migrate; see `migrateDatabase`. Each provider's driver (and Prisma, when
 * asked for) loads only when used.
 */
export async function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  const {
    sql: sqlClient,
    createPrisma,
    probe,
  } = parsed.provider === "sqlite"
    ? await openSqlite(parsed.filename, options.busyTimeoutMs ?? 5000)
    : await openPostgres(parsed.url, options.poolSize ?? 10, {
        connectTimeoutMs: options.connectTimeoutMs ?? 5000,
        statementTimeoutMs: options.statementTimeoutMs ?? 5000,
        lockTimeoutMs: options.lockTimeoutMs ?? 2000,
        transactionPooler: options.transactionPooler ?? false,
      });
  let prisma: Promise<DatabaseClient> | undefined;
  return {
    provider: parsed.provider,
    sql: sqlClient,
    prisma: () => {
      prisma ??= createPrisma();
      return prisma;
    },
    ping: async (deadline) => {
      await (deadline === undefined ? sqlClient : sqlClient.under(deadline)).query(sql`SELECT 1`);
      await probe(deadline);
    },
    close: async () => {
      if (prisma !== undefined) await (await prisma).$disconnect();
      await sqlClient.close();
    },
  };
}

async function openSqlite(filename: string, timeout: number): Promise<Opened> {
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  ensurePrivateFile(filename);
  const connection = new BetterSqlite3(filename, { timeout });
  // WAL lets readers in other processes proceed while one writes; it is a property of the file.
  connection.pragma("journal_mode = WAL");
  // A read opens (and if need be creates) the -wal, whose identity is checked from then on.
  connection.prepare("SELECT count(*) FROM sqlite_master").get();
  const opened = sqliteFilesOf(filename);
  let walRescued = false;
  const checkFiles = () => {
    try {
      checkSqliteFiles(filename, opened);
    } catch (error) {
      // A deleted -wal still holds, in the file this connection has open, the writes
      // acknowledged before: a checkpoint copies them into the database file, where a restart
      // finds them even after a kill -9. Once, after the refused write rolled back.
      const { fault, file } = error as SqliteStorageError;
      if (!walRescued && fault === "deleted" && file === `${filename}-wal`) {
        walRescued = true;
        setImmediate(() => checkpointQuietly(connection));
      }
      throw error;
    }
  };
  const sqlClient = sqliteSqlClient(connection, timeout, checkFiles);
  return {
    sql: sqlClient,
    probe: async (deadline) => {
      checkFiles();
      await probeSqliteFile(filename, opened);
      await (deadline === undefined ? sqlClient : sqlClient.under(deadline)).probeWriteLock();
    },
    createPrisma: async () => {
      const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
        import("../generated/sqlite/client.js"),
        import("@prisma/adapter-better-sqlite3"),
      ]);
      return new PrismaClient({
        adapter: new PrismaBetterSqlite3({ url: `file:${filename}`, timeout }),
        // No code frames of the call site (which could quote a query's arguments) in errors.
        errorFormat: "minimal",
      });
    },
  };
}

/** Copies the -wal's pages into the database file; a failure leaves things as they were. */
function checkpointQuietly(connection: { pragma(source: string): unknown }): void {
  try {
    connection.pragma("wal_checkpoint(FULL)");
  } catch {
    // Nothing more to save: writes are refused either way.
  }
}

async function openPostgres(
  url: string,
  poolSize: number,
  limits: PostgresSqlClientOptions,
): Promise<Opened> {
  const { Pool } = await loadPg();
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    // Bounds both connecting and waiting for a free connection of the pool.
    connectionTimeoutMillis: limits.connectTimeoutMs,
    // A direct connection's session keeps the limits (startup parameters, no round trip of their
    // own); a transaction pooler refuses them, and each transaction sets its own instead.
    ...(limits.transactionPooler
      ? {}
      : { statement_timeout: limits.statementTimeoutMs, lock_timeout: limits.lockTimeoutMs }),
  });
  // An idle connection the server ended (a restart, a failover, an administrator) is reported
  // here; unheard, the event would end the process. The pool drops it and connects again on
  // demand, and the next query tells its caller if the database is really gone.
  pool.on("error", () => {});
  return {
    sql: postgresSqlClient(pool, limits),
    probe: async () => {},
    createPrisma: async () => {
      const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
        import("../generated/postgresql/client.js"),
        import("@prisma/adapter-pg"),
      ]);
      // The one place the PostgreSQL client is treated as the SQLite one: same models, same API
      // (the generated types differ only in provider-specific internals, e.g. native type names).
      return new PrismaClient({
        adapter: new PrismaPg(pool),
        errorFormat: "minimal",
      }) as unknown as DatabaseClient;
    },
  };
}
