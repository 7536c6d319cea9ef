import { hostname } from "node:os";
import { LEGACY_TOKEN_HEADER, TOKEN_HEADER } from "@otas/api";
import { requestForLog } from "./logged-request.js";

/**
 * Never written to a log line, should a serializer ever include request headers. Secrets are
 * kept out of log objects in the first place (the tests scan every line for passwords, hashes
 * and tokens); wildcard paths such as `*.password` would make pino clone every request line's
 * objects, the largest single cost of logging a request.
 */
const REDACTED_PATHS = [
  `req.headers["${TOKEN_HEADER}"]`,
  `req.headers["${LEGACY_TOKEN_HEADER}"]`,
  "req.headers.authorization",
  "req.headers.cookie",
];

/**
 * pino, one JSON object per line: to `stream` when given (tests capture lines so), else stdout.
 * Secrets are redacted by path on top of never being logged in the first place, and a request's
 * URL is logged without its query string (see `loggedUrl`). In a cluster worker every line also
 * carries `worker`, the worker's id (beside pino's `pid`).
 */
export function loggerOptions(
  level: string,
  stream: { write(line: string): void } | undefined,
  workerId?: number,
) {
  return {
    level,
    redact: REDACTED_PATHS,
    serializers: { req: requestForLog },
    ...(workerId === undefined
      ? {}
      : { base: { pid: process.pid, hostname: hostname(), worker: workerId } }),
    ...(stream === undefined ? {} : { stream }),
  };
}
