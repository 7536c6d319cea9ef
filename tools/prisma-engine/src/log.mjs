/**
 * Writes one log line to stderr in the native engine's format. The CLI reads stderr line by line,
 * remembers the last `ERROR` line's `fields` and shows its message / error code.
 * @param {"INFO" | "ERROR"} level
 * @param {string} message
 * @param {string} [errorCode] a Prisma error code such as P1001
 */
export function logLine(level, message, errorCode) {
  const fields = errorCode ? { message, error_code: errorCode } : { message };
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields,
    target: "schema_engine::logger",
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
