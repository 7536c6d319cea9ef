import { batchPerTurn } from "../db/batch-per-turn.js";
import { type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { instantValue } from "../db/sql-instant.js";
import type { TokenSessionKey } from "../sessions/session-id.js";
import type { SessionUser, SessionUserLookup } from "./session-user-lookup.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

type SessionRow = UserRow & {
  not_before: Date | string | null;
  session_expires_at: Date | string | null;
  session_last_used_at: Date | string | null;
  revoked_digest: string | null;
};

/** A uuid as tokens carry it (and as PostgreSQL prints one, once lower-cased). */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The {@link SessionUserLookup} in SQL, SQLite and PostgreSQL: the user, their cut-off
 * (`session_cutoffs`), the token's session (`user_sessions`, by primary key) and, for a token
 * without one, its sign-out (`revoked_tokens`, by primary key) in one query of left joins, so
 * checking a token is one round trip to the database. On PostgreSQL the checks of one event-loop
 * turn share that query (`batchPerTurn`, over `unnest` of their keys): under load, requests that
 * arrived together cost the database one wake-up and one execution instead of one each. SQLite's
 * driver answers in the same call, so there is nothing to share. Nothing is kept between checks:
 * a session ended by any process is seen by the next check everywhere.
 */
export function createSqlSessionUserLookup(db: SqlClient): SessionUserLookup {
  const dialect = userSql(db.provider);
  const uuid = db.provider === "postgresql" ? (value: string) => dialect.id(value) : sqlValue;
  const one = async (userId: string, { sessionId, tokenDigest }: TokenSessionKey) => {
    const [row] = await db.query<SessionRow>(sql`
      SELECT ${dialect.joinedColumns}, ${stateColumns}
      FROM users ${joins(uuid(sessionId), sql`${tokenDigest}`)}
      WHERE users.id = ${dialect.id(userId)}`);
    return row === undefined ? null : toSessionUser(row);
  };
  if (db.provider === "sqlite") return { find: one };

  const batched = batchPerTurn(async (keys) => {
    const lookups = keys.map((key) => key.split(" "));
    const column = (index: number) => lookups.map((parts) => parts[index] || null);
    const rows = await db.query<SessionRow & { lookup_key: string }>(sql`
      SELECT lookup.key AS lookup_key, ${dialect.joinedColumns}, ${stateColumns}
      FROM unnest(CAST(${keys} AS text[]), CAST(${column(0)} AS uuid[]),
          CAST(${column(1)} AS uuid[]), CAST(${column(2)} AS text[]))
        AS lookup(key, user_id, session_id, token_digest)
        JOIN users ON users.id = lookup.user_id
        ${joins(sql`lookup.session_id`, sql`lookup.token_digest`)}`);
    return new Map(rows.map((row) => [row.lookup_key, toSessionUser(row)]));
  });
  return {
    async find(userId, key) {
      // Anything else goes alone, so it cannot make the others' query fail.
      if (!CANONICAL_UUID.test(userId)) return one(userId, key);
      const lookupKey = `${userId.toLowerCase()} ${key.sessionId} ${key.tokenDigest ?? ""}`;
      return (await batched(lookupKey)) ?? null;
    },
  };
}

const sqlValue = (value: string) => sql`${value}`;

const stateColumns = sql`session_cutoffs.not_before,
  user_sessions.expires_at AS session_expires_at,
  user_sessions.last_used_at AS session_last_used_at,
  revoked_tokens.token_digest AS revoked_digest`;

/** The user's cut-off, the session `sessionId` if it is theirs, the sign-out of `tokenDigest`. */
function joins(sessionId: Sql, tokenDigest: Sql): Sql {
  return sql`
    LEFT JOIN session_cutoffs ON session_cutoffs.user_id = users.id
    LEFT JOIN user_sessions ON user_sessions.id = ${sessionId} AND user_sessions.user_id = users.id
    LEFT JOIN revoked_tokens
      ON revoked_tokens.token_digest = ${tokenDigest} AND revoked_tokens.user_id = users.id`;
}

function toSessionUser(row: SessionRow): SessionUser {
  const { session_expires_at: expiresAt, session_last_used_at: lastUsedAt } = row;
  return {
    user: toUserRecord(row),
    notBefore: row.not_before === null ? null : instantValue(row.not_before),
    session:
      expiresAt === null || lastUsedAt === null
        ? null
        : { expiresAt: instantValue(expiresAt), lastUsedAt: instantValue(lastUsedAt) },
    revoked: row.revoked_digest !== null,
  };
}
