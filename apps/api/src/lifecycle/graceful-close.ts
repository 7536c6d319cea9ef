import { Server } from "node:net";
import type { FastifyInstance } from "fastify";

/** Why the process stops: the service stops (a signal), or a rolling restart replaced it. */
export type CloseReason = NodeJS.Signals | "replaced";

/**
 * Stops accepting connections and resolves once the open ones have ended — each closes after its
 * next answer (`Connection: close` while draining), or when its client closes it — or when
 * `withinMs` has passed. Unlike http's `close()`, it closes no idle keep-alive connection itself:
 * that would race with a client writing a request on it.
 */
function stopAcceptingAndWait(app: FastifyInstance, withinMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, withinMs);
    Server.prototype.close.call(app.server, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Closes `app` in the order that loses no request (see `connectionDrain` for the states). When
 * the service stops (`reason` a signal), it first keeps serving and accepting for `drainMs` with
 * /healthz at 503, so a balancer polling it moves away without a refused connection; a replaced
 * worker skips that (the primary hands its connections to the others). Then it stops accepting —
 * a proxy's connect is refused and goes to another instance, which is safe for any request —
 * and serves what arrives on the connections still open, each answer closing its connection,
 * until they end or `drainMs` passes. Only then does `app.close()` close what is left: a request
 * arriving after that gets 503 `service_unavailable`.
 */
export async function closeGracefully(
  app: FastifyInstance,
  reason: CloseReason,
  drainMs: number,
): Promise<void> {
  app.startDraining();
  if (reason !== "replaced") await new Promise((resolve) => setTimeout(resolve, drainMs));
  app.log.info("no longer accepting connections; serving those open");
  app.stopKeepingAlive();
  await stopAcceptingAndWait(app, drainMs);
  app.log.info("drained: closing the connections left");
  await app.close();
}
