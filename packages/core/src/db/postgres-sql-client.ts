import { createHash } from "node:crypto";
import type pg from "pg";
import { boundedWaitMs, type Deadline, TimeLimitError } from "../time-limits/deadline.js";
import { asDatabaseUnavailable } from "./database-unavailable-error.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Distinct statement texts that get a name; the rest (texts built with a varying number of
 * parameters, e.g. an administration filter) go unnamed, so a connection never holds an
 * unbounded number of prepared statements.
 */
const MAX_NAMED_STATEMENTS = 256;

/** How long each wait of a statement may last, in ms (each further cut to the deadline's time left). */
export interface PostgresTimeLimits {
  /** Waiting for a free connection of the pool, or for a new one to connect. */
  connectTimeoutMs: number;
  /** One statement, from start to end, lock waits included. */
  statementTimeoutMs: number;
  /** One wait for a lock on a row or table. */
  lockTimeoutMs: number;
}

type Statement = { text: string; values: unknown[] };

/**
 * A free connection of the pool within `limitMs`. The pool's own `connectionTimeoutMillis` is
 * the setting; a deadline with less time left cuts the wait, and a connection that arrives after
 * that goes straight back to the pool.
 */
async function checkout(
  pool: pg.Pool,
  limitMs: number,
  deadline: Deadline | undefined,
): Promise<pg.PoolClient> {
  const waitMs = boundedWaitMs(limitMs, deadline);
  const pending = pool.connect();
  if (waitMs >= limitMs) return pending;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new TimeLimitError("no database connection was free before the deadline")),
      waitMs,
    );
  });
  try {
    return await Promise.race([pending, timedOut]);
  } catch (error) {
    pending.then(
      (client) => client.release(),
      () => {},
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A statement's name, derived from its text: the same name means the same statement in every
 * process, so a name can never run another process's statement, even on a connection a pooler
 * handed over (it fails with "already exists" or "does not exist" instead).
 */
function statementName(text: string): string {
  return `otas_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

/** Options of {@link postgresSqlClient}: the time limits, and what the connection is. */
export interface PostgresSqlClientOptions extends PostgresTimeLimits {
  /**
   * The pool's connections are a transaction-pooling proxy's (PgBouncer `pool_mode =
   * transaction`): the next statement may run on another server connection. Statements then go
   * unnamed (a proxy that does not track prepared statements would hand a name to a connection
   * that lacks it), and the time limits are set inside each transaction (`SET LOCAL`), the only
   * settings such a proxy keeps. Default false: a direct connection (or a session-mode proxy),
   * whose session-wide `statement_timeout` and `lock_timeout` are set when it connects.
   */
  transactionPooler?: boolean;
}

/**
 * A {@link SqlClient} over a pg pool. On a direct connection each distinct statement text is a
 * named prepared statement: a connection parses and plans it once, then only binds and executes
 * it (the service's queries are few and fixed; planning each one again cost PostgreSQL about as
 * much CPU as running it).
 *
 * Time limits: on a direct connection, `statement_timeout` and `lock_timeout` are the session's
 * own (startup parameters of each connection, see `openPostgres`), so a single statement is one
 * round trip. When a deadline (see `SqlClient.under`) leaves less time than those limits, or
 * behind a transaction pooler, the statement runs in a transaction opened with `SET LOCAL
 * statement_timeout` and `lock_timeout` cut to the time left (sent with `BEGIN`, in the same
 * round trip), so PostgreSQL itself ends, and rolls back, any work that would still be running
 * when the deadline passes. Several statements together (`atomically`) always take that path.
 */
export function postgresSqlClient(pool: pg.Pool, options: PostgresSqlClientOptions): SqlClient {
  const limits = options;
  const pooled = options.transactionPooler === true;
  const names = new Map<string, string>();
  const named = (text: string): string | undefined => {
    if (pooled) return undefined;
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
    const name = statementName(text);
    names.set(text, name);
    return name;
  };
  const run = (statement: Statement, on: pg.PoolClient) => {
    const name = named(statement.text);
    return on.query({
      ...(name === undefined ? {} : { name }),
      text: statement.text,
      values: statement.values,
    });
  };
  /** A connection of the pool for `use`, given back after (dropped if it broke meanwhile). */
  const withClient = async <T>(
    deadline: Deadline | undefined,
    use: (client: pg.PoolClient, broke: (error: Error) => void) => Promise<T>,
  ): Promise<T> => {
    const client = await checkout(pool, limits.connectTimeoutMs, deadline);
    let broken: Error | undefined;
    // A connection that breaks between two statements says so with an `error` event, which
    // unheard would end the process (pool.query listens for it; a checked-out client is ours).
    const broke = (error: Error) => {
      broken ??= error;
    };
    client.on("error", broke);
    try {
      return await use(client, broke);
    } finally {
      client.removeListener("error", broke);
      client.release(broken);
    }
  };
  /** Runs `work` in a transaction with the time limits; commits when `commit` says so. */
  const inTransaction = async <T>(
    deadline: Deadline | undefined,
    client: pg.PoolClient,
    broke: (error: Error) => void,
    work: (client: pg.PoolClient) => Promise<T>,
    commit: (result: T) => boolean,
  ): Promise<T> => {
    try {
      const statementMs = boundedWaitMs(limits.statementTimeoutMs, deadline);
      const lockMs = Math.min(limits.lockTimeoutMs, statementMs);
      await client.query(
        `BEGIN; SET LOCAL statement_timeout = ${statementMs}; SET LOCAL lock_timeout = ${lockMs}`,
      );
      const result = await work(client);
      await client.query(commit(result) ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (error) {
      // Rolled back by the server if the connection is gone; a connection that cannot even
      // roll back is not given back to the pool.
      await client.query("ROLLBACK").catch(broke);
      throw error;
    }
  };
  /**
   * One statement: a round trip of its own when the session's limits end it before the
   * deadline (checked once a connection is in hand), else in a transaction with cut limits.
   */
  const single = (statement: Statement, deadline: Deadline | undefined) =>
    withClient(deadline, async (client, broke) => {
      if (
        pooled ||
        boundedWaitMs(limits.statementTimeoutMs, deadline) < limits.statementTimeoutMs
      ) {
        return inTransaction(
          deadline,
          client,
          broke,
          (on) => run(statement, on),
          () => true,
        );
      }
      try {
        return await run(statement, client);
      } catch (error) {
        // PostgreSQL refused the statement (a SQLSTATE): the connection is fine. Anything else
        // (the connection lost mid-way) drops it, as pool.query does.
        if (!hasSqlState(error)) broke(error as Error);
        throw error;
      }
    });
  /** The client's methods, their statements' waits bounded by `deadline` when there is one. */
  const client = (deadline: Deadline | undefined): SqlClient => {
    /** `work`, counted as in flight by the deadline; database failures wrapped. */
    const limited = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return deadline === undefined ? await work() : await deadline.track(work);
      } catch (error) {
        throw asDatabaseUnavailable(error);
      }
    };
    return {
      provider: "postgresql",
      async query<Row>(statement: Statement) {
        return (await limited(() => single(statement, deadline))).rows as Row[];
      },
      async execute(statement) {
        return (await limited(() => single(statement, deadline))).rowCount ?? 0;
      },
      async atomically(guard, then) {
        return limited(() =>
          withClient(deadline, (on, broke) =>
            inTransaction(
              deadline,
              on,
              broke,
              async (transaction) => {
                if (((await run(guard, transaction)).rowCount ?? 0) === 0) return false;
                for (const statement of then) await run(statement, transaction);
                return true;
              },
              (changed) => changed,
            ),
          ),
        );
      },
      under: (other) => client(other),
      close: () => pool.end(),
    };
  };
  return client(undefined);
}

/** Whether `error` is PostgreSQL's answer to a statement (it carries a five-character SQLSTATE). */
function hasSqlState(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
