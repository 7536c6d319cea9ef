import { batchPerTurn } from "../db/batch-per-turn.js";
import { type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { instantValue } from "../db/sql-instant.js";
import type { SessionUser, SessionUserLookup } from "./session-user-lookup.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

type SessionRow = UserRow & { not_before: Date | string | null };

/** A uuid as tokens carry it (and as PostgreSQL prints one, once lower-cased). */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The {@link SessionUserLookup} in SQL, SQLite and PostgreSQL: the user and their cut-off in
 * one primary-key query (a left join on `session_cutoffs`), so checking a token is one round
 * trip to the database. On PostgreSQL the checks of one event-loop turn share that query
 * (`batchPerTurn`, `id = ANY(…)`): under load, requests that arrived together cost the database
 * one wake-up and one execution instead of one each. SQLite's driver answers in the same call, so
 * there is nothing to share.
 */
export function createSqlSessionUserLookup(db: SqlClient): SessionUserLookup {
  const dialect = userSql(db.provider);
  const read = (where: Sql) =>
    db.query<SessionRow>(sql`
      SELECT ${dialect.columns}, session_cutoffs.not_before
      FROM users LEFT JOIN session_cutoffs ON session_cutoffs.user_id = users.id
      WHERE ${where}`);
  const one = async (userId: string) => {
    const [row] = await read(sql`users.id = ${dialect.id(userId)}`);
    return row === undefined ? null : toSessionUser(row);
  };
  if (db.provider === "sqlite") return { find: one };

  const batched = batchPerTurn(async (ids) => {
    const rows = await read(sql`users.id = ANY(CAST(${ids} AS uuid[]))`);
    return new Map(rows.map((row) => [row.id, toSessionUser(row)]));
  });
  return {
    async find(userId) {
      // Anything else goes alone, so it cannot make the others' query fail.
      if (!CANONICAL_UUID.test(userId)) return one(userId);
      return (await batched(userId.toLowerCase())) ?? null;
    },
  };
}

function toSessionUser(row: SessionRow): SessionUser {
  return {
    user: toUserRecord(row),
    notBefore: row.not_before === null ? null : instantValue(row.not_before),
  };
}
