/** What stands in the log for a request's whole query string. */
export const REDACTED_QUERY = "?[redacted]";

/**
 * The URL as the log shows it: the path as sent (still percent-encoded), and in place of any query
 * string only {@link REDACTED_QUERY}. No endpoint of this service reads its input from the query
 * but tRPC's GET queries (and `user.me` takes none), yet any client can put anything there — a
 * login's `input` with its password, a reset link's token — on any path, known or not. The path
 * and the status say what an operator needs; no query is worth the secrets it can carry.
 */
export function loggedUrl(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : `${url.slice(0, query)}${REDACTED_QUERY}`;
}

/** What the log reads of a Fastify request. */
interface RequestFields {
  method?: string | undefined;
  url?: string | undefined;
  host?: string | undefined;
  ip?: string | undefined;
  socket?: { remotePort?: number | undefined } | undefined;
}

/**
 * pino's serializer of `req` on every request line ("incoming request", "request completed"):
 * Fastify's own fields, with the URL as {@link loggedUrl} shows it.
 */
export function requestForLog(request: RequestFields): Record<string, unknown> {
  return {
    method: request.method,
    url: loggedUrl(request.url ?? ""),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
