import { type SqlClient, sql } from "../db/sql-client.js";
import { instantValue } from "../db/sql-instant.js";
import type { SessionUserLookup } from "./session-user-lookup.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

/**
 * The {@link SessionUserLookup} in SQL, SQLite and PostgreSQL: the user and their cut-off in
 * one primary-key query (a left join on `session_cutoffs`), so checking a token is one round
 * trip to the database.
 */
export function createSqlSessionUserLookup(db: SqlClient): SessionUserLookup {
  const dialect = userSql(db.provider);
  return {
    async find(userId) {
      const [row] = await db.query<UserRow & { not_before: Date | string | null }>(sql`
        SELECT ${dialect.columns}, session_cutoffs.not_before
        FROM users LEFT JOIN session_cutoffs ON session_cutoffs.user_id = users.id
        WHERE users.id = ${dialect.id(userId)}`);
      if (row === undefined) return null;
      return {
        user: toUserRecord(row),
        notBefore: row.not_before === null ? null : instantValue(row.not_before),
      };
    },
  };
}
