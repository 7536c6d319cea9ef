import type { FastifyInstance } from "fastify";
import { sendAppFailure } from "../errors/error-handlers.js";

declare module "fastify" {
  interface FastifyInstance {
    /** From now on every answer closes its connection and /healthz answers 503. */
    startDraining(): void;
  }
}

/**
 * Draining, the first step of a graceful shutdown. Closing at once would race with keep-alive
 * clients: a request written on a pooled connection just as the server closes it as "idle" is
 * lost (the client sees ECONNRESET). While draining the server keeps listening and answering,
 * but every answer says `Connection: close`, so clients end their connections after their
 * current request and a load balancer polling /healthz (503) stops sending new ones.
 * `startDraining()` begins it; `app.close()` also drains, for answers still in flight when it runs.
 *
 * Once `app.close()` has begun, a request that finishes arriving on a connection still open (its
 * headers were slow, or a client wrote on a connection already told to close) is not run: it
 * gets 503 `service_unavailable` in the caller's shape, with its request id and `no-store`, so
 * the client knows nothing happened and may send it again (Fastify's own answer, with
 * `return503OnClosing`, is a bare JSON of another shape). Needs `return503OnClosing: false`.
 */
export function connectionDrain(app: FastifyInstance): void {
  let draining = false;
  let closing = false;
  app.decorate("startDraining", () => {
    draining = true;
  });
  app.addHook("preClose", async () => {
    draining = true;
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
      reply.code(503).send({ status: "unavailable" });
      return;
    }
    done();
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (draining) reply.header("connection", "close");
    done(null, payload);
  });
}
