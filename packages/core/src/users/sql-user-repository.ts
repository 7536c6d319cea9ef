import { type Sql, type SqlClient, sql } from "../db/sql-client.js";
import { DomainError } from "../errors/domain-error.js";
import type { UserRecord } from "./user.js";
import { userAdminQueries } from "./user-admin-sql.js";
import type { UserRepository } from "./user-repository.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

/**
 * A {@link UserRepository} in SQL on the database's own driver, for SQLite and PostgreSQL alike.
 * Every query names its columns: the password hash only leaves through `findCredentialsByEmail`
 * (and the administration's listing).
 */
export function createSqlUserRepository(db: SqlClient): UserRepository {
  const dialect = userSql(db.provider);
  const one = async (query: Sql): Promise<UserRecord | null> => {
    const [row] = await db.query<UserRow>(query);
    return row === undefined ? null : toUserRecord(row);
  };
  return {
    async insert(user) {
      // The unique index on email decides races; ON CONFLICT makes the loser's insert a no-op
      // on both databases instead of an error to translate.
      const inserted = await db.query<{ id: string }>(sql`
        INSERT INTO users (id, first_name, middle_name, last_name, email, password, created_at, updated_at)
        VALUES (${dialect.id(user.id)}, ${user.firstName}, ${user.middleName}, ${user.lastName},
          ${user.email}, ${user.passwordHash}, ${dialect.instant(user.createdAt)}, ${dialect.instant(user.updatedAt)})
        ON CONFLICT (email) DO NOTHING
        RETURNING id`);
      if (inserted.length === 0)
        throw new DomainError("user_already_exists", undefined, undefined, { fields: ["email"] });
      const { passwordHash: _hash, ...record } = user;
      return record;
    },
    findById(id) {
      return one(sql`SELECT ${dialect.columns} FROM users WHERE id = ${dialect.id(id)}`);
    },
    updateProfile(id, profile) {
      return one(sql`
        UPDATE users SET first_name = ${profile.firstName}, middle_name = ${profile.middleName},
          last_name = ${profile.lastName}, updated_at = ${dialect.instant(profile.updatedAt)}
        WHERE id = ${dialect.id(id)}
        RETURNING ${dialect.columns}`);
    },
    async updatePassword(id, passwordHash, updatedAt) {
      const count = await db.execute(sql`
        UPDATE users SET password = ${passwordHash}, updated_at = ${dialect.instant(updatedAt)}
        WHERE id = ${dialect.id(id)}`);
      return count > 0;
    },
    async replacePasswordHash(id, expected, replacement) {
      const count = await db.execute(sql`
        UPDATE users SET password = ${replacement}
        WHERE id = ${dialect.id(id)} AND password = ${expected}`);
      return count > 0;
    },
    async findCredentialsByEmail(email) {
      const [row] = await db.query<UserRow & { password: string }>(
        sql`SELECT ${dialect.columns}, password FROM users WHERE email = ${email}`,
      );
      return row === undefined ? null : { user: toUserRecord(row), passwordHash: row.password };
    },
    ...userAdminQueries(db, dialect),
  };
}
