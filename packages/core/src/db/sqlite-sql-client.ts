import type BetterSqlite3 from "better-sqlite3";
import type { SqlClient } from "./sql-client.js";

/** Prepared statements kept per connection: the service has a few dozen distinct ones. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * A {@link SqlClient} over one better-sqlite3 connection. Statements are prepared once and
 * reused; better-sqlite3 runs them synchronously, in microseconds, so one connection serves the
 * process. Foreign keys are enforced (SQLite leaves that to each connection).
 */
export function sqliteSqlClient(connection: BetterSqlite3.Database): SqlClient {
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
  return {
    provider: "sqlite",
    async query<Row>(statement: { sql: string; values: unknown[] }) {
      const runnable = prepared(statement.sql);
      if (!runnable.reader) {
        runnable.run(...statement.values);
        return [];
      }
      return runnable.all(...statement.values) as Row[];
    },
    async execute(statement) {
      const runnable = prepared(statement.sql);
      return runnable.reader
        ? runnable.all(...statement.values).length
        : runnable.run(...statement.values).changes;
    },
    async close() {
      connection.close();
    },
  };
}
