import { Prisma } from "../generated/sqlite/client.js";
import { type EpochMicros, parseTimestamp, timestampText } from "../time/epoch-micros.js";
import type { UserRecord } from "./user.js";

/**
 * How `users` is written and read in each database's SQL. Prisma's model API hands timestamps
 * over as JavaScript Dates (milliseconds), so the repository writes its own SQL to keep the
 * microseconds the original stored: timestamps cross as text with six fraction digits.
 */
export interface UserSql {
  /** The public columns, timestamps as text, under the names {@link toUserRecord} reads. */
  readonly columns: Prisma.Sql;
  /** An id parameter, compared with the `id` column. */
  id(id: string): Prisma.Sql;
  /** A timestamp parameter for a timestamp column. */
  instant(instant: EpochMicros): Prisma.Sql;
}

const postgresql: UserSql = {
  columns: Prisma.sql`CAST(id AS text) AS id, first_name, middle_name, last_name, email,
    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
    to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at`,
  id: (id) => Prisma.sql`CAST(${id} AS uuid)`,
  instant: (instant) => Prisma.sql`CAST(${timestampText(instant)} AS timestamptz)`,
};

/**
 * SQLite keeps Prisma's ISO 8601 text, which Prisma's own reads parse too. Read as TEXT: the
 * driver adapter turns a DATETIME column into a Date.
 */
const sqlite: UserSql = {
  columns: Prisma.sql`id, first_name, middle_name, last_name, email,
    CAST(created_at AS TEXT) AS created_at, CAST(updated_at AS TEXT) AS updated_at`,
  id: (id) => Prisma.sql`${id}`,
  instant: (instant) => Prisma.sql`${timestampText(instant)}`,
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
