/** Error classes of Prisma, its driver adapters and the drivers under them. */
const DATABASE_ERROR_NAMES = new Set([
  "PrismaClientKnownRequestError",
  "PrismaClientUnknownRequestError",
  "PrismaClientRustPanicError",
  "PrismaClientInitializationError",
  "DriverAdapterError",
  "SqliteError",
  "DatabaseError",
  // core's wrapper of pg's connection failures (refused, broken, timed out).
  "DatabaseUnavailableError",
  // core's refusal of a write into a SQLite file deleted, replaced or unwritable under the process.
  "SqliteStorageError",
]);

/** How deep a chain of `cause`s is followed (TRPCError → Prisma error → driver error). */
const MAX_CAUSES = 5;

/**
 * Whether an unexpected failure came from the database: an error, or one of its causes, of
 * Prisma's client, a driver adapter, better-sqlite3 or pg.
 */
export function isDatabaseFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSES && current instanceof Error; depth += 1) {
    if (
      DATABASE_ERROR_NAMES.has(current.name) ||
      DATABASE_ERROR_NAMES.has(current.constructor.name)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
