import type pg from "pg";
import type { SqlClient } from "./sql-client.js";

/**
 * A {@link SqlClient} over a pg pool. Statements go as unnamed prepared statements (one round
 * trip, parameters bound by the server), which also suits a transaction-pooling proxy.
 */
export function postgresSqlClient(pool: pg.Pool): SqlClient {
  return {
    provider: "postgresql",
    async query<Row>(statement: { text: string; values: unknown[] }) {
      const result = await pool.query({ text: statement.text, values: statement.values });
      return result.rows as Row[];
    },
    async execute(statement) {
      const result = await pool.query({ text: statement.text, values: statement.values });
      return result.rowCount ?? 0;
    },
    close: () => pool.end(),
  };
}
