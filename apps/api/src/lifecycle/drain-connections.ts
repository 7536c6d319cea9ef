import type { FastifyInstance } from "fastify";
import { sendAppFailure } from "../errors/error-handlers.js";

declare module "fastify" {
  interface FastifyInstance {
    /** From now on /healthz answers 503 (and closes its connection). */
    startDraining(): void;
    /** From now on every answer closes its connection. */
    stopKeepingAlive(): void;
  }
}

/**
 * The states of a graceful shutdown (see `closeGracefully`), as the answers show them.
 *
 * Draining: /healthz answers 503, so a balancer polling it stops sending here, while every other
 * request is served as usual — keep-alive included: closing each connection after its answer
 * would only make a proxy open new ones, and a connection still waiting in the kernel's queue
 * when the listener closes is reset, losing the request it carries.
 *
 * Not keeping alive (once the process stopped accepting): every answer says `Connection: close`,
 * so clients end their connections after their current request. Closing idle ones instead would
 * race with a client writing a request on one (it would see ECONNRESET).
 *
 * Closed (`app.close()` has begun, which also sets both states above): a request that finishes
 * arriving on a connection still open (its headers were slow, or a client wrote on a connection
 * already told to close) is not run: it gets 503 `service_unavailable` in the caller's shape,
 * with its request id and `no-store`, so the client knows nothing happened and may send it
 * again (Fastify's own answer, with `return503OnClosing`, is a bare JSON of another shape).
 * Needs `return503OnClosing: false`.
 */
export function connectionDrain(app: FastifyInstance): void {
  let draining = false;
  let keepingAlive = true;
  let closing = false;
  app.decorate("startDraining", () => {
    draining = true;
  });
  app.decorate("stopKeepingAlive", () => {
    keepingAlive = false;
  });
  app.addHook("preClose", async () => {
    draining = true;
    keepingAlive = false;
    closing = true;
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (!draining) {
      done();
      return;
    }
    if (closing) {
      request.log.info("request refused: shutting down");
      void sendAppFailure(request, reply, { code: "service_unavailable", expected: true });
      return;
    }
    if (request.url === "/healthz") {
      reply.code(503).header("connection", "close").send({ status: "unavailable" });
      return;
    }
    done();
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (!keepingAlive) reply.header("connection", "close");
    done(null, payload);
  });
}
