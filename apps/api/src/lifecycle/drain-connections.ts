import type { FastifyInstance } from "fastify";

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
 */
export function connectionDrain(app: FastifyInstance): void {
  let draining = false;
  app.decorate("startDraining", () => {
    draining = true;
  });
  app.addHook("preClose", async () => {
    draining = true;
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (draining && request.url === "/healthz") {
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
