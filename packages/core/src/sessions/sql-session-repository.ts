import { empty, raw, type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { instantParam, instantValue } from "../db/sql-instant.js";
import type { SessionRecord } from "./session.js";
import type { SessionRepository } from "./session-repository.js";

interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  last_used_at: Date | string;
  user_agent: string | null;
  client_address: string | null;
}

/**
 * The statements that differ between the databases: PostgreSQL's parameters need their types
 * where no column gives them, and it locks what SQLite (one writer at a time) need not.
 */
interface SessionDialect {
  uuid(value: string): Sql;
  instant(value: Date | string): Sql;
  /** Locks the selected user row against a concurrent password change (SQLite: nothing). */
  readonly shareLock: Sql;
  /** `column` is one of `ids`. */
  oneOf(column: Sql, ids: readonly string[]): Sql;
  /** Rows another process is deleting are left to it (SQLite: one writer at a time). */
  readonly skipLocked: Sql;
  /** The `id` column as text (compared with any string without a failing cast). */
  readonly idText: Sql;
}

const postgresql: SessionDialect = {
  uuid: (value) => sql`CAST(${value} AS uuid)`,
  instant: (value) => sql`CAST(${value} AS timestamptz)`,
  shareLock: sql`FOR SHARE`,
  oneOf: (column, ids) => sql`${column} = ANY(CAST(${ids} AS uuid[]))`,
  skipLocked: sql`FOR UPDATE SKIP LOCKED`,
  idText: sql`CAST(id AS text)`,
};

const sqlite: SessionDialect = {
  uuid: (value) => sql`${value}`,
  instant: (value) => sql`${value}`,
  shareLock: empty,
  oneOf: (column, ids) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  skipLocked: empty,
  idText: sql`id`,
};

const COLUMNS = sql`id, user_id, created_at, expires_at, last_used_at, user_agent, client_address`;

/**
 * A {@link SessionRepository} in SQL (`user_sessions`, `revoked_tokens`), SQLite and PostgreSQL.
 * Expired rows are deleted in bounded batches, each batch one short statement, so a sweep never
 * holds locks long; on PostgreSQL several processes sweeping at once skip each other's rows.
 */
export function createSqlSessionRepository(db: SqlClient): SessionRepository {
  const dialect = db.provider === "postgresql" ? postgresql : sqlite;
  const at = (instant: Date) => instantParam(db, instant);
  const sweep = async (table: "user_sessions" | "revoked_tokens", key: Sql, now: Date, n: number) =>
    db.execute(sql`
      DELETE FROM ${raw(table)} WHERE ${key} IN (
        SELECT ${key} FROM ${raw(table)} WHERE expires_at < ${at(now)}
        ORDER BY expires_at LIMIT ${n} ${dialect.skipLocked})`);
  return {
    async startWhilePassword(session, passwordHash) {
      const inserted = await db.execute(sql`
        INSERT INTO user_sessions (${COLUMNS})
        SELECT ${dialect.uuid(session.id)}, users.id, ${dialect.instant(at(session.createdAt))},
          ${dialect.instant(at(session.expiresAt))}, ${dialect.instant(at(session.lastUsedAt))},
          ${session.userAgent}, ${session.clientAddress}
        FROM users WHERE users.id = ${dialect.uuid(session.userId)} AND users.password = ${passwordHash}
        ${dialect.shareLock}`);
      return inserted > 0;
    },
    async keep(session) {
      await db.execute(sql`
        INSERT INTO user_sessions (${COLUMNS})
        VALUES (${session.id}, ${session.userId}, ${at(session.createdAt)}, ${at(session.expiresAt)},
          ${at(session.lastUsedAt)}, ${session.userAgent}, ${session.clientAddress})
        ON CONFLICT (id) DO NOTHING`);
    },
    async listLive(userId, now, limit, firstId) {
      const live = sql`user_id = ${dialect.uuid(userId)} AND expires_at > ${at(now)}`;
      const rows = await db.query<SessionRow>(sql`
        SELECT ${COLUMNS} FROM user_sessions WHERE ${live}
        ORDER BY CASE WHEN ${dialect.idText} = ${firstId} THEN 0 ELSE 1 END,
          last_used_at DESC, created_at DESC
        LIMIT ${limit}`);
      const [count] = await db.query<{ n: string | number }>(
        sql`SELECT count(*) AS n FROM user_sessions WHERE ${live}`,
      );
      return { sessions: rows.map(toSessionRecord), total: Number(count?.n ?? 0) };
    },
    async end(userId, sessionId) {
      const ended = await db.execute(sql`
        DELETE FROM user_sessions
        WHERE id = ${dialect.uuid(sessionId)} AND user_id = ${dialect.uuid(userId)}`);
      return ended > 0;
    },
    endAll(userId, keepId) {
      const kept = keepId === undefined ? empty : sql`AND id <> ${dialect.uuid(keepId)}`;
      return db.execute(
        sql`DELETE FROM user_sessions WHERE user_id = ${dialect.uuid(userId)} ${kept}`,
      );
    },
    async revokeToken({ tokenDigest, userId, expiresAt }) {
      await db.execute(sql`
        INSERT INTO revoked_tokens (token_digest, user_id, expires_at)
        VALUES (${tokenDigest}, ${userId}, ${at(expiresAt)})
        ON CONFLICT (token_digest) DO NOTHING`);
    },
    async markUsed(ids, when, staleBefore) {
      if (ids.length === 0) return;
      await db.execute(sql`
        UPDATE user_sessions SET last_used_at = ${at(when)}
        WHERE ${dialect.oneOf(sql`id`, ids)} AND last_used_at < ${at(staleBefore)}`);
    },
    async deleteExpired(now, limit) {
      return {
        sessions: await sweep("user_sessions", sql`id`, now, limit),
        revocations: await sweep("revoked_tokens", sql`token_digest`, now, limit),
      };
    },
    async countLive(now) {
      const [row] = await db.query<{ n: string | number }>(
        sql`SELECT count(*) AS n FROM user_sessions WHERE expires_at > ${at(now)}`,
      );
      return Number(row?.n ?? 0);
    },
  };
}

function toSessionRecord(row: SessionRow): SessionRecord {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    createdAt: instantValue(row.created_at),
    expiresAt: instantValue(row.expires_at),
    lastUsedAt: instantValue(row.last_used_at),
    userAgent: row.user_agent,
    clientAddress: row.client_address,
  };
}
