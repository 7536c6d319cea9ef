import { empty, raw, type SqlClient, sql } from "../db/sql-client.js";
import { instantParam, instantValue } from "../db/sql-instant.js";
import { saveResetTokenStatement } from "../password-reset/sql-password-reset-repository.js";
import type { ClaimedOutboxEntry, ResetMailOutbox } from "./reset-mail-outbox.js";

interface ClaimedRow {
  id: string;
  request_id: string;
  email: string;
  created_at: Date | string;
  attempts: number;
  token_digest: string | null;
  sealed_mail: string | null;
  expires_at: Date | string | null;
}

/**
 * A {@link ResetMailOutbox} in SQL (`reset_mail_outbox`), SQLite and PostgreSQL.
 *
 * A claim is one UPDATE that takes the longest-due row and moves its `due_at` to the claim's end,
 * so no other process sees it due until the claim lapses; every later change checks the claim.
 * PostgreSQL: the row is picked `FOR UPDATE SKIP LOCKED`, so processes claiming at once each take
 * another row instead of queueing on one. SQLite: every write holds the database's one write lock
 * (across processes too), so the UPDATE's read and write happen with no other writer between.
 */
export function createSqlResetMailOutbox(db: SqlClient): ResetMailOutbox {
  const at = (instant: Date) => instantParam(db, instant);
  const skipLocked = db.provider === "postgresql" ? raw("FOR UPDATE SKIP LOCKED") : empty;
  return {
    async add(entry) {
      await db.execute(sql`
        INSERT INTO reset_mail_outbox (id, request_id, email, created_at, due_at, attempts)
        VALUES (${entry.id}, ${entry.requestId}, ${entry.email}, ${at(entry.createdAt)},
          ${at(entry.createdAt)}, 0)`);
    },
    async claimNext(now, until, claim) {
      // A read first: an idle poll never takes SQLite's write lock.
      const due = await db.query(
        sql`SELECT id FROM reset_mail_outbox WHERE due_at <= ${at(now)} LIMIT 1`,
      );
      if (due.length === 0) return null;
      const [row] = await db.query<ClaimedRow>(sql`
        UPDATE reset_mail_outbox
        SET due_at = ${at(until)}, claim = ${claim}, attempts = attempts + 1
        WHERE id = (
          SELECT id FROM reset_mail_outbox WHERE due_at <= ${at(now)}
          ORDER BY due_at LIMIT 1 ${skipLocked})
          AND due_at <= ${at(now)}
        RETURNING id, request_id, email, created_at, attempts, token_digest, sealed_mail,
          expires_at`);
      return row === undefined ? null : toClaimedEntry(row, claim);
    },
    storeMail(entry, mail, token) {
      return db.atomically(
        sql`
          UPDATE reset_mail_outbox SET token_digest = ${mail.tokenDigest},
            sealed_mail = ${mail.sealed}, expires_at = ${at(mail.expiresAt)}
          WHERE id = ${entry.id} AND claim = ${entry.claim}`,
        [saveResetTokenStatement(db, token)],
      );
    },
    async retryAt(entry, dueAt, lastError) {
      const changed = await db.execute(sql`
        UPDATE reset_mail_outbox SET due_at = ${at(dueAt)}, claim = NULL,
          last_error = ${lastError.slice(0, 300)}
        WHERE id = ${entry.id} AND claim = ${entry.claim}`);
      return changed > 0;
    },
    async remove(entry) {
      const changed = await db.execute(
        sql`DELETE FROM reset_mail_outbox WHERE id = ${entry.id} AND claim = ${entry.claim}`,
      );
      return changed > 0;
    },
    async depth() {
      const [row] = await db.query<{
        requests: number | string | null;
        mails: number | string | null;
        oldest: Date | string | null;
      }>(sql`
        SELECT SUM(CASE WHEN sealed_mail IS NULL THEN 1 ELSE 0 END) AS requests,
          SUM(CASE WHEN sealed_mail IS NULL THEN 0 ELSE 1 END) AS mails,
          MIN(created_at) AS oldest
        FROM reset_mail_outbox`);
      return {
        // PostgreSQL answers SUM of integers as bigint text, and NULL over no rows.
        requests: Number(row?.requests ?? 0),
        mails: Number(row?.mails ?? 0),
        oldestCreatedAt: row?.oldest == null ? null : instantValue(row.oldest),
      };
    },
  };
}

function toClaimedEntry(row: ClaimedRow, claim: string): ClaimedOutboxEntry {
  const { token_digest, sealed_mail, expires_at } = row;
  return {
    id: String(row.id),
    claim,
    requestId: row.request_id,
    email: row.email,
    createdAt: instantValue(row.created_at),
    attempts: Number(row.attempts),
    mail:
      token_digest === null || sealed_mail === null || expires_at === null
        ? null
        : { tokenDigest: token_digest, sealed: sealed_mail, expiresAt: instantValue(expires_at) },
  };
}
