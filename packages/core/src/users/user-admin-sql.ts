import type { DatabaseClient } from "../db/open-database.js";
import { Prisma } from "../generated/sqlite/client.js";
import type { UserRecord } from "./user.js";
import type {
  UserDeletion,
  UserListQuery,
  UserReference,
  UserRepository,
} from "./user-repository.js";
import { toUserRecord, type UserRow, type UserSql } from "./user-sql.js";

/**
 * The foreign keys to `users.id` in each database's catalog that would stop a delete: those that
 * cascade (this service's own password-reset tables) go with the user.
 */
const FOREIGN_KEYS = {
  postgresql: Prisma.sql`SELECT cl.relname AS "table", a.attname AS "column"
    FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = to_regclass('users') AND cardinality(c.conkey) = 1
      AND c.confdeltype <> 'c'
    ORDER BY 1, 2`,
  sqlite: Prisma.sql`SELECT m.name AS "table", f."from" AS "column"
    FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' AND f."table" = 'users' AND f.on_delete <> 'CASCADE'
    ORDER BY 1, 2`,
} as const;

/** Quotes an identifier read from the catalog, for a query of its own. */
const identifier = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);

/** A LIKE pattern matching `text` anywhere, its wildcards escaped. */
const containsPattern = (text: string) =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * The administration part of the repository: listing, references and deletion. Reading the
 * other tables' foreign keys and counting their rows is all it does to them.
 */
export function userAdminQueries(
  client: DatabaseClient,
  provider: "sqlite" | "postgresql",
  sql: UserSql,
): Pick<UserRepository, "list" | "referencesTo" | "delete"> {
  const referencesTo = async (id: string): Promise<UserReference[]> => {
    const keys = await client.$queryRaw<{ table: string; column: string }[]>(
      FOREIGN_KEYS[provider],
    );
    const references: UserReference[] = [];
    for (const { table, column } of keys) {
      const [row] = await client.$queryRaw<{ rows: bigint | number }[]>`
        SELECT count(*) AS rows FROM ${identifier(table)} WHERE ${identifier(column)} = ${sql.id(id)}`;
      const rows = Number(row?.rows ?? 0);
      if (rows > 0) references.push({ table, column, rows });
    }
    return references;
  };
  return {
    async list({ emailContains = "", limit, offset }: UserListQuery) {
      const where = Prisma.sql`WHERE lower(email) LIKE ${containsPattern(emailContains)} ESCAPE '\\'`;
      const [count] = await client.$queryRaw<{ total: bigint | number }[]>`
        SELECT count(*) AS total FROM users ${where}`;
      const rows = await client.$queryRaw<(UserRow & { password: string })[]>`
        SELECT ${sql.columns}, password FROM users ${where}
        ORDER BY email LIMIT ${limit} OFFSET ${offset}`;
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
        const count = await client.$executeRaw`DELETE FROM users WHERE id = ${sql.id(id)}`;
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

function isForeignKeyViolation(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta;
  return meta?.driverAdapterError?.cause?.kind === "ForeignKeyConstraintViolation";
}
