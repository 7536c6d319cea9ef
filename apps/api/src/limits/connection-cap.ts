import type { FastifyInstance } from "fastify";

/** At most one warning per this many ms while the cap keeps being hit. */
const WARN_EVERY_MS = 10_000;

/**
 * Caps the open connections at `max` (Node's `server.maxConnections`: one more is closed as soon
 * as it is accepted), so sockets, idle keep-alive ones above all, can never use up the process's
 * file descriptors, which would fail every new request and the database pool with it. Reaching
 * the cap also closes the connections that are waiting between requests (idle keep-alive ones,
 * or opened and silent), so a server full of idle sockets makes room for clients with work: the
 * one refused connection fails, and the client's retry finds a free slot. Requests in progress
 * are never cut.
 */
export function capConnections(app: FastifyInstance, max: number): void {
  app.server.maxConnections = max;
  let warnedAt = Number.NEGATIVE_INFINITY;
  app.server.on("drop", () => {
    app.server.closeIdleConnections();
    const now = Date.now();
    if (now - warnedAt >= WARN_EVERY_MS) {
      warnedAt = now;
      app.log.warn(
        { maxConnections: max },
        "connection limit reached: refused a connection and closed the idle ones",
      );
    }
  });
}
