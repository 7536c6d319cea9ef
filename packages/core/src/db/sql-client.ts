import type { Sql } from "sql-template-tag";
import type { Deadline } from "../time-limits/deadline.js";

export { default as sql, empty, join, raw, type Sql } from "sql-template-tag";

/**
 * SQL run on the database through its own driver (better-sqlite3, pg), with no ORM between the
 * request and the statement. Statements are `sql`-tagged templates: values travel as parameters,
 * never inside the text.
 */
export interface SqlClient {
  readonly provider: "sqlite" | "postgresql";
  /** The rows a statement returns: a SELECT, or a write with RETURNING. */
  query<Row>(statement: Sql): Promise<Row[]>;
  /** Runs a write and answers how many rows it changed. */
  execute(statement: Sql): Promise<number>;
  /**
   * Runs `guard` and, when it changed a row, each of `then` in order, all in one transaction:
   * every change commits or none does. Answers false, having changed nothing, when `guard`
   * changed no row (e.g. an UPDATE whose WHERE checks that a claim is still held). On
   * PostgreSQL, a guard that updates a row also locks it until the transaction ends.
   */
  atomically(guard: Sql, then: readonly Sql[]): Promise<boolean>;
  /**
   * The same connections, for the work of one call that must be over by `deadline`: each wait of
   * a statement (a pool slot, a lock, the statement itself, SQLite's wait for the write lock) is
   * cut to its time left, no statement starts once it has passed, and each statement counts as
   * in flight until it settles (`Deadline.settled`).
   */
  under(deadline: Deadline): SqlClient;
  /** Closes the connections. */
  close(): Promise<void>;
}

/** Whether `error` is the database refusing a write that breaks a foreign key. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // pg: SQLSTATE foreign_key_violation; better-sqlite3: SQLite's extended result code.
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/** Whether `error` is the database refusing a write that breaks a unique key (e.g. an email taken). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // pg: SQLSTATE unique_violation; better-sqlite3: SQLite's extended result codes.
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
