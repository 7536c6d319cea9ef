/**
 * Beginnings of the messages pg's client and pool give when the connection failed rather than the
 * statement (the database answers a failed statement with a `DatabaseError` and a SQLSTATE):
 * "Connection terminated unexpectedly", "Connection terminated due to connection timeout",
 * "timeout exceeded when trying to connect", a client already broken or closed, a read timeout.
 */
const CONNECTION_FAILURE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
  "Query read timeout",
];

/**
 * The database could not be reached, or the connection to it broke, while running a statement:
 * what pg reports as a socket error (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, a DNS
 * failure...) or as one of its own connection messages, wrapped so that whoever counts failures
 * sees a database outage, not an unknown error. The original is the `cause`.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  constructor(cause: Error) {
    super(`The database could not be reached: ${cause.message}`, { cause });
  }
}

/** `error` as a {@link DatabaseUnavailableError} when it says the connection failed; else as is. */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { syscall } = error as NodeJS.ErrnoException;
  const connectionFailed =
    typeof syscall === "string" ||
    CONNECTION_FAILURE_MESSAGES.some((start) => error.message.startsWith(start));
  return connectionFailed ? new DatabaseUnavailableError(error) : error;
}
