import { batchPerTurn } from "../db/batch-per-turn.js";
import { empty, raw, type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { instantValue } from "../db/sql-instant.js";
import type { TokenSessionKey } from "../sessions/session-id.js";
import type { SessionUser, SessionUserLookup } from "./session-user-lookup.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

/** A session's moment: ISO text from SQLite, epoch milliseconds from PostgreSQL (see below). */
type Moment = string | number;

type SessionRow = UserRow & {
  session_expires_at: Moment | null;
  session_last_used_at: Moment | null;
  not_before?: Date | string | null;
  revoked_digest?: string | null;
};

/** A uuid as tokens carry it (and as PostgreSQL prints one, once lower-cased). */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The {@link SessionUserLookup} in SQL, SQLite and PostgreSQL: the user and the token's session
 * (`user_sessions`, by primary key) and, for a token without a session claim, its user's cut-off
 * (`session_cutoffs`) and its sign-out (`revoked_tokens`, by primary key), in one query of left
 * joins, so checking a token is one round trip to the database. (A token with a session claim
 * depends on its session alone: its query joins nothing else.) On PostgreSQL the checks of one
 * event-loop turn share that query (`batchPerTurn`, over `unnest` of their keys; tokens with and
 * without a session claim in a query each): under load, requests that arrived together cost the
 * database one wake-up and one execution instead of one each. SQLite's driver answers in the
 * same call, so there is nothing to share. Nothing is kept between checks: a session ended by
 * any process is seen by the next check everywhere.
 */
export function createSqlSessionUserLookup(db: SqlClient): SessionUserLookup {
  const dialect = userSql(db.provider);
  const postgres = db.provider === "postgresql";
  // pg parses a timestamptz into a Date with a regular expression per value; epoch milliseconds
  // are a float's parse.
  const moment = (column: string) =>
    postgres ? sql`CAST(EXTRACT(EPOCH FROM ${raw(column)}) * 1000 AS float8)` : raw(column);
  const sessionColumns = sql`${moment("user_sessions.expires_at")} AS session_expires_at,
    ${moment("user_sessions.last_used_at")} AS session_last_used_at`;
  const uuid = (value: Sql) => (postgres ? sql`CAST(${value} AS uuid)` : value);

  const one = async (userId: string, { sessionId, tokenDigest }: TokenSessionKey) => {
    const [row] = await db.query<SessionRow>(sql`
      SELECT ${dialect.joinedColumns}, ${sessionColumns}
        ${tokenDigest === null ? empty : sql`, ${sessionlessColumns}`}
      FROM users
        LEFT JOIN user_sessions ON user_sessions.id = ${uuid(sql`${sessionId}`)}
          AND user_sessions.user_id = users.id
        ${tokenDigest === null ? empty : sessionlessJoins(sql`${tokenDigest}`)}
      WHERE users.id = ${dialect.id(userId)}`);
    return row === undefined ? null : toSessionUser(row);
  };
  if (!postgres) return { find: one };

  /** The rows of `keys` (`user session [digest]`), looked up in one query, by key. */
  const batch = (withDigest: boolean) =>
    batchPerTurn(async (keys) => {
      const lookups = keys.map((key) => key.split(" "));
      const column = (index: number) => lookups.map((parts) => parts[index] ?? "");
      const digests = withDigest ? sql`, CAST(${column(2)} AS text[])` : empty;
      const rows = await db.query<SessionRow & { n: string }>(sql`
        SELECT lookup.n, ${dialect.joinedColumns}, ${sessionColumns}
          ${withDigest ? sql`, ${sessionlessColumns}` : empty}
        FROM unnest(CAST(${column(0)} AS uuid[]), CAST(${column(1)} AS uuid[]) ${digests})
            WITH ORDINALITY AS lookup(user_id, session_id, ${withDigest ? raw("token_digest, ") : empty}n)
          JOIN users ON users.id = lookup.user_id
          LEFT JOIN user_sessions
            ON user_sessions.id = lookup.session_id AND user_sessions.user_id = users.id
          ${withDigest ? sessionlessJoins(sql`lookup.token_digest`) : empty}`);
      return new Map(rows.map((row) => [keys[Number(row.n) - 1] ?? "", toSessionUser(row)]));
    });
  const withSession = batch(false);
  const sessionless = batch(true);
  return {
    async find(userId, key) {
      // Anything else goes alone, so it cannot make the others' query fail.
      if (!CANONICAL_UUID.test(userId)) return one(userId, key);
      const user = userId.toLowerCase();
      const found =
        key.tokenDigest === null
          ? await withSession(`${user} ${key.sessionId}`)
          : await sessionless(`${user} ${key.sessionId} ${key.tokenDigest}`);
      return found ?? null;
    },
  };
}

const sessionlessColumns = sql`session_cutoffs.not_before,
  revoked_tokens.token_digest AS revoked_digest`;

/** For a token without a session claim: its user's cut-off and its sign-out. */
function sessionlessJoins(tokenDigest: Sql): Sql {
  return sql`
    LEFT JOIN session_cutoffs ON session_cutoffs.user_id = users.id
    LEFT JOIN revoked_tokens
      ON revoked_tokens.token_digest = ${tokenDigest} AND revoked_tokens.user_id = users.id`;
}

function toSessionUser(row: SessionRow): SessionUser {
  const { session_expires_at: expiresAt, session_last_used_at: lastUsedAt } = row;
  return {
    user: toUserRecord(row),
    notBefore: row.not_before == null ? null : instantValue(row.not_before),
    session:
      expiresAt === null || lastUsedAt === null
        ? null
        : { expiresAt: new Date(expiresAt), lastUsedAt: new Date(lastUsedAt) },
    revoked: row.revoked_digest != null,
  };
}
