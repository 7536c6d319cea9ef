import type { Database } from "@otas/core";
import type { FastifyInstance } from "fastify";

/** `GET /healthz`: 200 while the database answers, 503 otherwise (and while draining). */
export function registerHealthCheck(app: FastifyInstance, database: Pick<Database, "ping">) {
  app.get("/healthz", async (request, reply) => {
    try {
      await database.ping();
      return { status: "ok" };
    } catch (error) {
      request.log.warn({ err: error }, "health check failed");
      return reply.code(503).send({ status: "unavailable" });
    }
  });
}
