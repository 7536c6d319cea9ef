import type pg from "pg";
import { boundedWaitMs, currentDeadline, TimeLimitError } from "../time-limits/deadline.js";
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
async function checkout(pool: pg.Pool, limitMs: number): Promise<pg.PoolClient> {
  const waitMs = boundedWaitMs(limitMs);
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
 * A {@link SqlClient} over a pg pool. Each distinct statement text is a named prepared statement:
 * a connection parses and plans it once, then only binds and executes it (the service's queries
 * are few and fixed; planning each one again cost PostgreSQL about as much CPU as running it).
 * Behind a transaction-pooling proxy, that proxy must support prepared statements (PgBouncer
 * 1.21 or later with `max_prepared_statements`).
 *
 * Every statement runs in a transaction that starts with `SET LOCAL statement_timeout` and
 * `lock_timeout` (sent with `BEGIN`, in the same round trip): transaction-scoped settings are the
 * ones a transaction-pooling proxy keeps (it refuses or drops startup parameters, and a session's
 * `SET` would stay on whichever server connection ran it). Under a deadline (see
 * `runWithDeadline`), each limit is cut to the time left, so PostgreSQL itself ends, and rolls
 * back, any work that would still be running when the deadline passes.
 */
export function postgresSqlClient(pool: pg.Pool, limits: PostgresTimeLimits): SqlClient {
  const names = new Map<string, string>();
  const named = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
    const name = `otas_${names.size + 1}`;
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
  /** Runs `work` in a transaction with the time limits; commits when it resolves true-ish. */
  const transaction = async <T>(
    work: (client: pg.PoolClient) => Promise<T>,
    commit: (result: T) => boolean = () => true,
  ): Promise<T> => {
    const client = await checkout(pool, limits.connectTimeoutMs);
    let broken: Error | undefined;
    // A connection that breaks between two statements says so with an `error` event, which
    // unheard would end the process (pool.query listens for it; a checked-out client is ours).
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      const statementMs = boundedWaitMs(limits.statementTimeoutMs);
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
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken ??= rollbackError;
      });
      throw error;
    } finally {
      client.removeListener("error", onError);
      client.release(broken);
    }
  };
  /** `transaction`, counted as in flight by the current deadline; database failures wrapped. */
  const limited = async <T>(
    work: (client: pg.PoolClient) => Promise<T>,
    commit?: (result: T) => boolean,
  ): Promise<T> => {
    const deadline = currentDeadline();
    try {
      return deadline === undefined
        ? await transaction(work, commit)
        : await deadline.track(() => transaction(work, commit));
    } catch (error) {
      throw asDatabaseUnavailable(error);
    }
  };
  return {
    provider: "postgresql",
    async query<Row>(statement: Statement) {
      return (await limited((client) => run(statement, client))).rows as Row[];
    },
    async execute(statement) {
      return (await limited((client) => run(statement, client))).rowCount ?? 0;
    },
    async atomically(guard, then) {
      return limited(
        async (client) => {
          if (((await run(guard, client)).rowCount ?? 0) === 0) return false;
          for (const statement of then) await run(statement, client);
          return true;
        },
        (changed) => changed,
      );
    },
    close: () => pool.end(),
  };
}
