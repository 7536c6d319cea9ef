import { raw, type Sql, sql } from "../db/sql-client.js";
import { type EpochMicros, parseTimestamp, timestampText } from "../time/epoch-micros.js";
import type { UserRecord } from "./user.js";

/**
 * How `users` is written and read in each database's SQL. Timestamps cross as text with six
 * fraction digits, to keep the microseconds the original stored (a JavaScript Date, which Prisma's
 * model API would hand over, holds milliseconds).
 */
export interface UserSql {
  /** The public columns, timestamps as text, under the names {@link toUserRecord} reads. */
  readonly columns: Sql;
  /** The same, qualified with the table's name, for queries that join other tables. */
  readonly joinedColumns: Sql;
  /** An id parameter, compared with the `id` column. */
  id(id: string): Sql;
  /** A timestamp parameter for a timestamp column. */
  instant(instant: EpochMicros): Sql;
}

const postgresColumns = (table: string) => {
  const t = raw(table);
  return sql`CAST(${t}id AS text) AS id, ${t}first_name, ${t}middle_name, ${t}last_name, ${t}email,
    to_char(${t}created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
    to_char(${t}updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at`;
};

const postgresql: UserSql = {
  columns: postgresColumns(""),
  joinedColumns: postgresColumns("users."),
  id: (id) => sql`CAST(${id} AS uuid)`,
  instant: (instant) => sql`CAST(${timestampText(instant)} AS timestamptz)`,
};

/**
 * SQLite keeps ISO 8601 text, in the form Prisma writes, so Prisma's own reads parse it too.
 */
const sqliteColumns = (table: string) => {
  const t = raw(table);
  return sql`${t}id AS id, ${t}first_name AS first_name, ${t}middle_name AS middle_name,
    ${t}last_name AS last_name, ${t}email AS email,
    CAST(${t}created_at AS TEXT) AS created_at, CAST(${t}updated_at AS TEXT) AS updated_at`;
};

const sqlite: UserSql = {
  columns: sqliteColumns(""),
  joinedColumns: sqliteColumns("users."),
  id: (id) => sql`${id}`,
  instant: (instant) => sql`${timestampText(instant)}`,
};

/** The SQL dialect of a provider. */
export function userSql(provider: "sqlite" | "postgresql"): UserSql {
  return provider === "sqlite" ? sqlite : postgresql;
}

/** A row of {@link UserSql.columns}. */
export interface UserRow {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** A row as core's record. */
export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    email: row.email,
    createdAt: parseTimestamp(row.created_at),
    updatedAt: parseTimestamp(row.updated_at),
  };
}
