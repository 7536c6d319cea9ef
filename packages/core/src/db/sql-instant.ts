import { epochMicros, timestampText } from "../time/epoch-micros.js";
import type { SqlClient } from "./sql-client.js";

/**
 * A moment as a statement parameter for a timestamp column, to the microsecond: the ISO 8601
 * text every timestamp of this service is written in (six fraction digits, `+00:00`). SQLite
 * keeps it as it is (it compares correctly as text, and Prisma's client reads it too);
 * PostgreSQL reads it into a timestamptz. A Date given to pg directly would lose the
 * microseconds the service's clock keeps (see `MicrosecondDate`).
 */
export function instantParam(_db: Pick<SqlClient, "provider">, at: Date): string {
  return timestampText(epochMicros(at));
}

/** A timestamp column as read back: a Date from pg, ISO 8601 text from better-sqlite3. */
export function instantValue(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
