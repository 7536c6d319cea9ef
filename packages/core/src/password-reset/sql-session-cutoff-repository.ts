import { type SqlClient, sql } from "../db/sql-client.js";
import { instantParam, instantValue } from "../db/sql-instant.js";
import type { SessionCutoffRepository } from "./session-cutoff-repository.js";

/**
 * A {@link SessionCutoffRepository} in SQL (`session_cutoffs`), SQLite and PostgreSQL. Checking
 * a token reads it joined to the user instead (`createSqlSessionUserLookup`).
 */
export function createSqlSessionCutoffRepository(db: SqlClient): SessionCutoffRepository {
  // A cut-off never moves back (e.g. set by a machine whose clock is behind).
  const latest =
    db.provider === "postgresql"
      ? sql`GREATEST(session_cutoffs.not_before, excluded.not_before)`
      : sql`max(session_cutoffs.not_before, excluded.not_before)`;
  return {
    async notBefore(userId) {
      const [row] = await db.query<{ not_before: Date | string }>(
        sql`SELECT not_before FROM session_cutoffs WHERE user_id = ${userId}`,
      );
      return row === undefined ? null : instantValue(row.not_before);
    },
    async endSessionsBefore(userId, notBefore) {
      await db.execute(sql`
        INSERT INTO session_cutoffs (user_id, not_before)
        VALUES (${userId}, ${instantParam(db, notBefore)})
        ON CONFLICT (user_id) DO UPDATE SET not_before = ${latest}`);
    },
  };
}
