import { type DatabaseClient, providerOf } from "../db/open-database.js";
import { DomainError } from "../errors/domain-error.js";
import { Prisma } from "../generated/sqlite/client.js";
import type { UserRecord } from "./user.js";
import { userAdminQueries } from "./user-admin-sql.js";
import type { UserRepository } from "./user-repository.js";
import { toUserRecord, type UserRow, userSql } from "./user-sql.js";

/**
 * A {@link UserRepository} over a client {@link openDatabase} opened, for SQLite and PostgreSQL
 * alike. Every query names its columns: the password hash only leaves through
 * `findCredentialsByEmail`.
 */
export function createPrismaUserRepository(client: DatabaseClient): UserRepository {
  const provider = providerOf(client);
  const sql = userSql(provider);
  const one = async (query: Prisma.Sql): Promise<UserRecord | null> => {
    const [row] = await client.$queryRaw<UserRow[]>(query);
    return row === undefined ? null : toUserRecord(row);
  };
  return {
    async insert(user) {
      // The unique index on email decides races; ON CONFLICT makes the loser's insert a no-op
      // on both databases instead of an error to translate.
      const inserted = await client.$queryRaw<{ id: string }[]>`
        INSERT INTO users (id, first_name, middle_name, last_name, email, password, created_at, updated_at)
        VALUES (${sql.id(user.id)}, ${user.firstName}, ${user.middleName}, ${user.lastName},
          ${user.email}, ${user.passwordHash}, ${sql.instant(user.createdAt)}, ${sql.instant(user.updatedAt)})
        ON CONFLICT (email) DO NOTHING
        RETURNING id`;
      if (inserted.length === 0) throw new DomainError("user_already_exists");
      const { passwordHash: _hash, ...record } = user;
      return record;
    },
    findById(id) {
      return one(Prisma.sql`SELECT ${sql.columns} FROM users WHERE id = ${sql.id(id)}`);
    },
    updateProfile(id, profile) {
      return one(Prisma.sql`
        UPDATE users SET first_name = ${profile.firstName}, middle_name = ${profile.middleName},
          last_name = ${profile.lastName}, updated_at = ${sql.instant(profile.updatedAt)}
        WHERE id = ${sql.id(id)}
        RETURNING ${sql.columns}`);
    },
    async updatePassword(id, passwordHash, updatedAt) {
      const count = await client.$executeRaw`
        UPDATE users SET password = ${passwordHash}, updated_at = ${sql.instant(updatedAt)}
        WHERE id = ${sql.id(id)}`;
      return count > 0;
    },
    async replacePasswordHash(id, expected, replacement) {
      const count = await client.$executeRaw`
        UPDATE users SET password = ${replacement}
        WHERE id = ${sql.id(id)} AND password = ${expected}`;
      return count > 0;
    },
    async findCredentialsByEmail(email) {
      const [row] = await client.$queryRaw<(UserRow & { password: string })[]>`
        SELECT ${sql.columns}, password FROM users WHERE email = ${email}`;
      return row === undefined ? null : { user: toUserRecord(row), passwordHash: row.password };
    },
    ...userAdminQueries(client, provider, sql),
  };
}
