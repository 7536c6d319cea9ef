import { createHash } from "node:crypto";
import type pg from "pg";
import { asDatabaseUnavailable } from "./database-unavailable-error.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Distinct statement texts that get a name; the rest (texts built with a varying number of
 * parameters, e.g. an administration filter) go unnamed, so a connection never holds an
 * unbounded number of prepared statements.
 */
const MAX_NAMED_STATEMENTS = 256;

/** Options of {@link postgresSqlClient}. */
export interface PostgresSqlClientOptions {
  /**
   * Prepare each statement under a name (default true). False behind a transaction-pooling
   * proxy that does not track prepared statements: each statement is then parsed and planned
   * every time (an unnamed statement lives within its one round trip).
   */
  namedStatements?: boolean;
}

/**
 * A statement's name, derived from its text: the same name means the same statement in every
 * process, so a name can never run another process's statement, even on a connection a pooler
 * handed over (it fails with "already exists" or "does not exist" instead).
 */
function statementName(text: string): string {
  return `otas_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

/**
 * A {@link SqlClient} over a pg pool. By default each distinct statement text is a named
 * prepared statement: a connection parses and plans it once, then only binds and executes it
 * (the service's queries are few and fixed; planning each one again cost PostgreSQL about as
 * much CPU as running it). Behind a transaction-pooling proxy that does not keep prepared
 * statements (PgBouncer before 1.21, or without `max_prepared_statements`), turn
 * `namedStatements` off.
 */
export function postgresSqlClient(
  pool: pg.Pool,
  options: PostgresSqlClientOptions = {},
): SqlClient {
  const names = new Map<string, string>();
  const named = (text: string): string | undefined => {
    if (options.namedStatements === false) return undefined;
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_NAMED_STATEMENTS) return known;
    const name = statementName(text);
    names.set(text, name);
    return name;
  };
  const run = (
    statement: { text: string; values: unknown[] },
    on: Pick<pg.Pool, "query"> = pool,
  ) => {
    const name = named(statement.text);
    return on.query({
      ...(name === undefined ? {} : { name }),
      text: statement.text,
      values: statement.values,
    });
  };
  return {
    provider: "postgresql",
    async query<Row>(statement: { text: string; values: unknown[] }) {
      try {
        return (await run(statement)).rows as Row[];
      } catch (error) {
        throw asDatabaseUnavailable(error);
      }
    },
    async execute(statement) {
      try {
        return (await run(statement)).rowCount ?? 0;
      } catch (error) {
        throw asDatabaseUnavailable(error);
      }
    },
    async atomically(guard, then) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        if (((await run(guard, client)).rowCount ?? 0) === 0) {
          await client.query("ROLLBACK");
          return false;
        }
        for (const statement of then) await run(statement, client);
        await client.query("COMMIT");
        return true;
      } catch (error) {
        // Rolled back by the server if the connection is gone; a connection that cannot even
        // roll back is not given back to the pool.
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
