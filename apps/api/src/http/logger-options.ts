import { LEGACY_TOKEN_HEADER, TOKEN_HEADER } from "@otas/api";

/** Never written to a log line, whatever a future serializer includes. */
const REDACTED_PATHS = [
  `req.headers["${TOKEN_HEADER}"]`,
  `req.headers["${LEGACY_TOKEN_HEADER}"]`,
  "req.headers.authorization",
  "*.password",
  "*.Password",
  "*.passwordHash",
  "*.jwt_token",
];

/**
 * pino, one JSON object per line: to `stream` when given (tests capture lines so), else stdout.
 * Secrets are redacted by path on top of never being logged in the first place.
 */
export function loggerOptions(level: string, stream: { write(line: string): void } | undefined) {
  return { level, redact: REDACTED_PATHS, ...(stream === undefined ? {} : { stream }) };
}
