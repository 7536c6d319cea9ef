import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import { boundedWaitMs, type Deadline } from "../time-limits/deadline.js";
import type { Sql, SqlClient } from "./sql-client.js";

/** SQL on one SQLite connection, and a check that a write could start now. */
export interface SqliteSqlClient extends SqlClient {
  /**
   * Takes the database's write lock and lets it go at once; rejects with `SQLITE_BUSY` when
   * another connection holds it past the busy timeout (cut to the deadline's time left).
   */
  probeWriteLock(): Promise<void>;
  under(deadline: Deadline): SqliteSqlClient;
}

/** Prepared statements kept per connection: the service has a few dozen distinct ones. */
const MAX_CACHED_STATEMENTS = 256;

/** Pauses between attempts on a locked database, in ms (the last repeats), as SQLite's own. */
const BUSY_PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** Whether better-sqlite3 says another connection holds the lock a statement needs. */
function isBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SQLITE_BUSY";
}

/**
 * A {@link SqlClient} over one better-sqlite3 connection. Statements are prepared once and
 * reused; better-sqlite3 runs them synchronously, in microseconds, so one connection serves the
 * process. Foreign keys are enforced (SQLite leaves that to each connection).
 *
 * A statement that finds the database locked by another connection (`SQLITE_BUSY`: it changed
 * nothing) is tried again, pausing between attempts without blocking the process (SQLite's own
 * busy timeout would hold the event loop, and every request with it, for the whole wait), for
 * up to `busyTimeoutMs`, cut to the time left of the deadline of a client bound to one (see
 * `SqlClient.under`); once that deadline has passed, no attempt starts.
 * @param checkStorage runs inside every write transaction, after its statements and before its
 *   commit; when it throws, the transaction rolls back and the write fails with its error (so a
 *   write into a deleted file is refused, not acknowledged and lost)
 */
export function sqliteSqlClient(
  connection: BetterSqlite3.Database,
  busyTimeoutMs: number,
  checkStorage: () => void = () => {},
): SqliteSqlClient {
  connection.pragma("foreign_keys = ON");
  // Every wait for a lock is the retries' below, between which the process runs on.
  connection.pragma("busy_timeout = 0");
  /** Runs `attempt`, trying again while the database is locked (see above). */
  const patiently = async <T>(attempt: () => T, deadline: Deadline | undefined): Promise<T> => {
    const until = performance.now() + boundedWaitMs(busyTimeoutMs, deadline);
    for (let tries = 0; ; tries += 1) {
      try {
        return attempt();
      } catch (error) {
        const left = until - performance.now();
        if (!isBusy(error) || left <= 0) throw error;
        await sleep(Math.min(BUSY_PAUSES_MS[tries] ?? 100, left));
        // The deadline may have been ended while pausing: then nothing more starts.
        deadline?.throwIfPassed();
      }
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
    checkStorage();
    return true;
  });
  // One write statement, as its own IMMEDIATE transaction (as autocommit would run it), so that
  // the storage check runs before the commit.
  const written = connection.transaction(<Result>(statement: () => Result): Result => {
    const result = statement();
    checkStorage();
    return result;
  });
  const write = <Result>(statement: () => Result): Result => written.immediate(statement) as Result;
  /** The client's methods, their statements' waits bounded by `deadline` when there is one. */
  const client = (deadline: Deadline | undefined): SqliteSqlClient => {
    /** `patiently`, counted as in flight by the deadline. */
    const limited = <T>(attempt: () => T): Promise<T> =>
      deadline === undefined
        ? patiently(attempt, undefined)
        : deadline.track(() => patiently(attempt, deadline));
    return {
      provider: "sqlite",
      async query<Row>(statement: { sql: string; values: unknown[] }) {
        const runnable = prepared(statement.sql);
        if (runnable.readonly) return limited(() => runnable.all(...statement.values) as Row[]);
        return limited(() =>
          write(() => {
            if (runnable.reader) return runnable.all(...statement.values) as Row[];
            runnable.run(...statement.values);
            return [];
          }),
        );
      },
      async execute(statement) {
        const runnable = prepared(statement.sql);
        return limited(() =>
          runnable.readonly ? changes(statement) : write(() => changes(statement)),
        );
      },
      async atomically(guard, then) {
        // A busy database refuses BEGIN IMMEDIATE itself, before any statement ran.
        return limited(() => guarded.immediate(guard, then));
      },
      async probeWriteLock() {
        await limited(() => {
          // Synchronous, so no other statement of this process can run inside it.
          connection.exec("BEGIN IMMEDIATE");
          connection.exec("ROLLBACK");
        });
      },
      under: (other) => client(other),
      async close() {
        connection.close();
      },
    };
  };
  return client(undefined);
}
