import { DatabaseUnavailableError } from "../db/database-unavailable-error.js";
import { TimeLimitError } from "./deadline.js";

/**
 * SQLSTATEs of a statement PostgreSQL ended at one of our limits: `query_canceled` (the
 * statement timeout) and `lock_not_available` (the lock timeout).
 */
const POSTGRES_TIME_LIMITS = new Set(["57014", "55P03"]);

/** How deep a chain of `cause`s is followed (TRPCError → driver error). */
const MAX_CAUSES = 5;

function isTimeLimit(error: Error): boolean {
  if (error instanceof TimeLimitError || error instanceof DatabaseUnavailableError) return true;
  const { code } = error as { code?: unknown };
  if (typeof code !== "string") return false;
  // better-sqlite3: the busy timeout ran out (SQLITE_BUSY and its extended codes).
  return POSTGRES_TIME_LIMITS.has(code) || code.startsWith("SQLITE_BUSY");
}

/**
 * Whether `error` (or one of its causes) says a dependency did not answer in time or at all: the
 * caller's deadline passed, a database statement, lock or busy timeout ran out, the database
 * could not be reached (or no connection was free in time), Redis timed out. Such a failure is
 * an outage, not a bug: the service is unavailable for now and the call may be sent again.
 */
export function isTimeLimitFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSES && current instanceof Error; depth += 1) {
    if (isTimeLimit(current)) return true;
    current = current.cause;
  }
  return false;
}
