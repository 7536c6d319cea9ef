import { Server } from "node:net";
import type { FastifyInstance } from "fastify";
import type { MessageChannel } from "../cluster/channel.js";

interface RetireMessage {
  type: "otas:retire";
}

/** What the primary sends a worker that a rolling restart has replaced. */
export const RETIRE_MESSAGE: RetireMessage = { type: "otas:retire" };

/** In a worker: calls `retire` when the primary asks it to make way for its replacement. */
export function onRetireRequest(primary: MessageChannel, retire: () => void): void {
  primary.on("message", (message) => {
    if ((message as Partial<RetireMessage> | null)?.type === RETIRE_MESSAGE.type) retire();
  });
}

/**
 * Stops accepting connections while the open ones are still served: a replaced worker leaves the
 * rotation at once (the primary hands every new connection to the other workers, and one it had
 * already handed over is sent on), so no connection reaches it after its drain, when it could
 * only answer 503. Unlike http's `close()`, this leaves idle keep-alive connections open —
 * closing them now would race with a client writing on one; they get `Connection: close` with
 * their next answer, and `app.close()` closes the rest after the drain.
 */
export function stopAccepting(app: FastifyInstance): void {
  Server.prototype.close.call(app.server);
}
