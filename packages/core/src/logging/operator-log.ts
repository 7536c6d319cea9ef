/**
 * Where a use case reports what only an operator needs to know. Its shape is pino's (the API
 * passes its request logger), so lines carry the request id.
 */
export interface OperatorLog {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * An {@link OperatorLog} for processes without a logger (scripts): errors become process
 * warnings on stderr, information is dropped.
 */
export const processWarningLog: OperatorLog = {
  info() {},
  error(details, message) {
    process.emitWarning(`${message} ${JSON.stringify(details)}`);
  },
};

/**
 * One line about an unexpected error, safe to log: its name, code and first message line.
 * Driver messages can quote a query's arguments (a password hash among them) on later lines.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const firstLine = error.message.split("\n").find((line) => line.trim() !== "") ?? "";
  return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${firstLine.trim()}`;
}
