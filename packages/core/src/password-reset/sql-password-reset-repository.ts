import { type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { instantParam, instantValue } from "../db/sql-instant.js";
import type { PasswordResetRepository, StoredResetToken } from "./password-reset-repository.js";

interface TokenRow {
  user_id: string;
  token_digest: string;
  password_fingerprint: string;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
}

/**
 * The statement that stores a user's reset token, replacing an earlier one: what
 * {@link PasswordResetRepository.save} runs, and what the mail outbox runs in its own transaction.
 */
export function saveResetTokenStatement(
  db: Pick<SqlClient, "provider">,
  token: StoredResetToken,
): Sql {
  const at = (instant: Date) => instantParam(db, instant);
  return sql`
    INSERT INTO password_reset_tokens
      (user_id, token_digest, password_fingerprint, created_at, expires_at, used_at)
    VALUES (${token.userId}, ${token.tokenDigest}, ${token.passwordFingerprint},
      ${at(token.createdAt)}, ${at(token.expiresAt)},
      ${token.usedAt === null ? null : at(token.usedAt)})
    ON CONFLICT (user_id) DO UPDATE SET
      token_digest = excluded.token_digest,
      password_fingerprint = excluded.password_fingerprint,
      created_at = excluded.created_at,
      expires_at = excluded.expires_at,
      used_at = excluded.used_at`;
}

/** A {@link PasswordResetRepository} in SQL (`password_reset_tokens`), SQLite and PostgreSQL. */
export function createSqlPasswordResetRepository(db: SqlClient): PasswordResetRepository {
  const at = (instant: Date) => instantParam(db, instant);
  return {
    async save(token) {
      await db.execute(saveResetTokenStatement(db, token));
    },
    async findByDigest(tokenDigest) {
      const [row] = await db.query<TokenRow>(sql`
        SELECT user_id, token_digest, password_fingerprint, created_at, expires_at, used_at
        FROM password_reset_tokens WHERE token_digest = ${tokenDigest}`);
      return row === undefined ? null : toStoredToken(row);
    },
    async markUsed(tokenDigest, when) {
      const changed = await db.execute(sql`
        UPDATE password_reset_tokens SET used_at = ${at(when)}
        WHERE token_digest = ${tokenDigest} AND used_at IS NULL AND expires_at > ${at(when)}`);
      return changed > 0;
    },
  };
}

function toStoredToken(row: TokenRow): StoredResetToken {
  return {
    userId: String(row.user_id),
    tokenDigest: row.token_digest,
    passwordFingerprint: row.password_fingerprint,
    createdAt: instantValue(row.created_at),
    expiresAt: instantValue(row.expires_at),
    usedAt: row.used_at === null ? null : instantValue(row.used_at),
  };
}
