import { isForeignKeyViolation, raw, type SqlClient, sql } from "../db/sql-client.js";
import type { UserRecord } from "./user.js";
import type {
  UserDeletion,
  UserListQuery,
  UserReference,
  UserRepository,
} from "./user-repository.js";
import { toUserRecord, type UserRow, type UserSql } from "./user-sql.js";

/** The foreign keys to `users.id` in each database's catalog. */
const FOREIGN_KEYS = {
  postgresql: sql`SELECT cl.relname AS "table", a.attname AS "column"
    FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = to_regclass('users') AND cardinality(c.conkey) = 1
    ORDER BY 1, 2`,
  sqlite: sql`SELECT m.name AS "table", f."from" AS "column"
    FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' AND f."table" = 'users'
    ORDER BY 1, 2`,
} as const;

/** Quotes an identifier read from the catalog, for a query of its own. */
const identifier = (name: string) => raw(`"${name.replaceAll('"', '""')}"`);

/** A LIKE pattern matching `text` anywhere, its wildcards escaped. */
const containsPattern = (text: string) =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * The administration part of the repository: listing, references and deletion. Reading the
 * other tables' foreign keys and counting their rows is all it does to them.
 */
export function userAdminQueries(
  db: SqlClient,
  dialect: UserSql,
): Pick<UserRepository, "list" | "referencesTo" | "delete"> {
  const referencesTo = async (id: string): Promise<UserReference[]> => {
    const keys = await db.query<{ table: string; column: string }>(FOREIGN_KEYS[db.provider]);
    const references: UserReference[] = [];
    for (const { table, column } of keys) {
      // pg answers a bigint count as text, better-sqlite3 as a number.
      const [row] = await db.query<{ rows: string | number }>(sql`
        SELECT count(*) AS rows FROM ${identifier(table)} WHERE ${identifier(column)} = ${dialect.id(id)}`);
      const rows = Number(row?.rows ?? 0);
      if (rows > 0) references.push({ table, column, rows });
    }
    return references;
  };
  return {
    async list({ emailContains = "", limit, offset }: UserListQuery) {
      const where = sql`WHERE lower(email) LIKE ${containsPattern(emailContains)} ESCAPE '\\'`;
      const [count] = await db.query<{ total: string | number }>(
        sql`SELECT count(*) AS total FROM users ${where}`,
      );
      const rows = await db.query<UserRow & { password: string }>(sql`
        SELECT ${dialect.columns}, password FROM users ${where}
        ORDER BY email LIMIT ${limit} OFFSET ${offset}`);
      return {
        total: Number(count?.total ?? 0),
        users: rows.map((row): { user: UserRecord; passwordHash: string } => ({
          user: toUserRecord(row),
          passwordHash: row.password,
        })),
      };
    },
    referencesTo,
    async delete(id): Promise<UserDeletion> {
      if ((await referencesTo(id)).length > 0) return "referenced";
      try {
        const count = await db.execute(sql`DELETE FROM users WHERE id = ${dialect.id(id)}`);
        return count > 0 ? "deleted" : "not_found";
      } catch (error) {
        // A reference added since the check: the database refused (at commit, for the
        // original's deferred constraints), so nothing was deleted.
        if (isForeignKeyViolation(error)) return "referenced";
        throw error;
      }
    },
  };
}
