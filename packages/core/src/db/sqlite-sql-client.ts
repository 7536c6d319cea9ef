import type BetterSqlite3 from "better-sqlite3";
import { boundedWaitMs } from "../time-limits/deadline.js";
import type { Sql, SqlClient } from "./sql-client.js";

/** SQL on one SQLite connection, and a check that a write could start now. */
export interface SqliteSqlClient extends SqlClient {
  /**
   * Takes the database's write lock and lets it go at once; throws `SQLITE_BUSY` when another
   * connection holds it past the busy timeout (cut to the deadline's time left).
   */
  probeWriteLock(): void;
}

/** Prepared statements kept per connection: the service has a few dozen distinct ones. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * A {@link SqlClient} over one better-sqlite3 connection. Statements are prepared once and
 * reused; better-sqlite3 runs them synchronously, in microseconds, so one connection serves the
 * process. Foreign keys are enforced (SQLite leaves that to each connection).
 *
 * A write waits up to `busyTimeoutMs` for another connection's write lock, cut to the time left
 * of the deadline it runs under (see `runWithDeadline`); once that deadline has passed, no
 * statement starts. The wait blocks the process (better-sqlite3 is synchronous).
 */
export function sqliteSqlClient(
  connection: BetterSqlite3.Database,
  busyTimeoutMs: number,
): SqliteSqlClient {
  connection.pragma("foreign_keys = ON");
  let busyMs = -1;
  /** Sets the busy timeout this statement may wait (a pragma only when it changes). */
  const limitBusyWait = () => {
    const wanted = boundedWaitMs(busyTimeoutMs);
    if (wanted !== busyMs) {
      connection.pragma(`busy_timeout = ${wanted}`);
      busyMs = wanted;
    }
  };
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (statement === undefined) {
      statement = connection.prepare(text);
      if (statements.size < MAX_CACHED_STATEMENTS) statements.set(text, statement);
    }
    return statement;
  };
  const changes = (statement: { sql: string; values: unknown[] }) => {
    const runnable = prepared(statement.sql);
    return runnable.reader
      ? runnable.all(...statement.values).length
      : runnable.run(...statement.values).changes;
  };
  // better-sqlite3 runs the whole function synchronously: no other statement of this process can
  // slip into the transaction, and IMMEDIATE takes the write lock first, so no other process's
  // write can come between the guard's read and the writes after it.
  const guarded = connection.transaction((guard: Sql, then: readonly Sql[]): boolean => {
    if (changes(guard) === 0) return false;
    for (const statement of then) changes(statement);
    return true;
  });
  return {
    provider: "sqlite",
    async query<Row>(statement: { sql: string; values: unknown[] }) {
      limitBusyWait();
      const runnable = prepared(statement.sql);
      if (!runnable.reader) {
        runnable.run(...statement.values);
        return [];
      }
      return runnable.all(...statement.values) as Row[];
    },
    async execute(statement) {
      limitBusyWait();
      return changes(statement);
    },
    async atomically(guard, then) {
      limitBusyWait();
      return guarded.immediate(guard, then);
    },
    probeWriteLock() {
      limitBusyWait();
      // Synchronous, so no other statement of this process can run inside it.
      connection.exec("BEGIN IMMEDIATE");
      connection.exec("ROLLBACK");
    },
    async close() {
      connection.close();
    },
  };
}
