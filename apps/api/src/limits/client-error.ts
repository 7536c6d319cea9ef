import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { errorCodes } from "@otas/api";

/** What Node reports for a request it could not even parse, as the contract's codes. */
function codeFor(error: { code?: string }) {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return "request_timeout" as const;
  if (error.code === "HPE_HEADER_OVERFLOW") return "headers_too_large" as const;
  return "bad_request" as const;
}

/**
 * Answers requests that fail before Fastify sees them (headers too slow, too large, not HTTP)
 * with the error envelope and `Cache-Control: no-store`, like every other error, then closes the
 * connection. Fastify's own handler would answer with a different JSON shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const code = codeFor(error);
  const status = errorCodes[code].http;
  const body = JSON.stringify({ status: 0, status_description: code, response_body: null });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Cache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
