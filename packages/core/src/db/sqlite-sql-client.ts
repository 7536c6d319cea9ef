import type BetterSqlite3 from "better-sqlite3";
import type { Sql, SqlClient } from "./sql-client.js";

/** Prepared statements kept per connection: the service has a few dozen distinct ones. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * A {@link SqlClient} over one better-sqlite3 connection. Statements are prepared once and
 * reused; better-sqlite3 runs them synchronously, in microseconds, so one connection serves the
 * process. Foreign keys are enforced (SQLite leaves that to each connection).
 * @param checkStorage runs inside every write transaction, after its statements and before its
 *   commit; when it throws, the transaction rolls back and the write fails with its error (so a
 *   write into a deleted file is refused, not acknowledged and lost)
 */
export function sqliteSqlClient(
  connection: BetterSqlite3.Database,
  checkStorage: () => void = () => {},
): SqlClient {
  connection.pragma("foreign_keys = ON");
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
  return {
    provider: "sqlite",
    async query<Row>(statement: { sql: string; values: unknown[] }) {
      const runnable = prepared(statement.sql);
      if (runnable.readonly) return runnable.all(...statement.values) as Row[];
      return write(() => {
        if (runnable.reader) return runnable.all(...statement.values) as Row[];
        runnable.run(...statement.values);
        return [];
      });
    },
    async execute(statement) {
      const runnable = prepared(statement.sql);
      return runnable.readonly ? changes(statement) : write(() => changes(statement));
    },
    async atomically(guard, then) {
      return guarded.immediate(guard, then);
    },
    async close() {
      connection.close();
    },
  };
}
