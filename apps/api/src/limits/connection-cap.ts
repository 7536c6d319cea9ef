import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";

/** At most one warning of each kind per this many ms while the cap keeps being hit. */
const WARN_EVERY_MS = 10_000;

/**
 * A connection that has sent no complete request this long after it opened may be closed to make
 * room at the cap: a real client sends its request's headers at once, in one packet or a few.
 */
export const UNSERVED_GRACE_MS = 1000;

/**
 * Caps the open connections at `max`, so sockets can never use up the process's file descriptors,
 * which would fail every new request and the database pool with it. A connection beyond the cap
 * first makes room: connections that have sent no complete request for {@link UNSERVED_GRACE_MS}
 * (opened and silent, or sending headers slowly) are closed, then, if that was not enough, the
 * keep-alive connections idle between requests. Only when nothing could be closed is the new
 * connection refused, with a reset so that its client fails at once. A request in progress is
 * never cut. (Node's own `maxConnections` cannot do this: it refuses the new connection before
 * anything can be closed, so a server full of silent sockets refused every client.)
 */
export function capConnections(app: FastifyInstance, max: number): void {
  const open = new Set<Socket>();
  /** Connections that have not completed a request's headers yet, with when they opened. */
  const unserved = new Map<Socket, number>();
  /** When each warning was last written. */
  const warnedAt = new Map<string, number>();

  const warn = (message: string, details: Record<string, number>) => {
    const now = Date.now();
    if (now - (warnedAt.get(message) ?? Number.NEGATIVE_INFINITY) < WARN_EVERY_MS) return;
    warnedAt.set(message, now);
    app.log.warn({ maxConnections: max, ...details }, message);
  };
  const forget = (socket: Socket) => {
    open.delete(socket);
    unserved.delete(socket);
  };

  /** Closes what may be closed to bring the count back to the cap; answers how many it closed. */
  const makeRoom = (newcomer: Socket): number => {
    const now = Date.now();
    let closed = 0;
    for (const [socket, openedAt] of unserved) {
      if (socket === newcomer || now - openedAt < UNSERVED_GRACE_MS) continue;
      socket.destroy();
      forget(socket);
      closed += 1;
    }
    if (open.size > max) {
      app.server.closeIdleConnections();
      for (const socket of open) {
        if (socket.destroyed) {
          forget(socket);
          closed += 1;
        }
      }
    }
    return closed;
  };

  app.server.on("connection", (socket: Socket) => {
    open.add(socket);
    unserved.set(socket, Date.now());
    socket.once("close", () => forget(socket));
    if (open.size <= max) return;
    const closed = makeRoom(socket);
    if (open.size <= max) {
      warn("connection limit reached: closed connections that were idle or sent no request", {
        closed,
      });
      return;
    }
    // A reset, not a clean close: a client that sees its connection end before it wrote might
    // wait for an answer that never comes (undici does), while a reset fails it at once.
    socket.resetAndDestroy();
    forget(socket);
    warn("connection limit reached: refused a connection, none could be closed", { closed });
  });
  app.server.on("request", (request) => {
    unserved.delete(request.socket);
  });
}
