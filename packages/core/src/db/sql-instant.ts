import { timestampText } from "../time/epoch-micros.js";
import type { SqlClient } from "./sql-client.js";

/**
 * A moment as a statement parameter for a timestamp column: pg sends a Date as a timestamp;
 * on SQLite it is the ISO 8601 text every timestamp of this service is written in (six fraction
 * digits, `+00:00`), which compares correctly as text and which Prisma's client reads too.
 */
export function instantParam(db: Pick<SqlClient, "provider">, at: Date): Date | string {
  return db.provider === "postgresql" ? at : timestampText(at.getTime() * 1000);
}

/** A timestamp column as read back: a Date from pg, ISO 8601 text from better-sqlite3. */
export function instantValue(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
