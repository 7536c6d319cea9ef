import { type Database, Deadline, TimeLimitError } from "@otas/core";
import type { FastifyInstance } from "fastify";

/**
 * `GET /healthz`: 200 while the database answers within `timeoutMs`, 503 otherwise (and while
 * draining). The check runs under its own deadline, so its wait for a free connection, a lock or
 * SQLite's write lock is cut to that bound too, and it never queues behind the requests.
 */
export function registerHealthCheck(
  app: FastifyInstance,
  database: Pick<Database, "ping">,
  timeoutMs: number,
) {
  app.get("/healthz", async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new TimeLimitError(`the database did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([database.ping(new Deadline(timeoutMs)), late]);
      return { status: "ok" };
    } catch (error) {
      request.log.warn({ err: error }, "health check failed");
      return reply.code(503).send({ status: "unavailable" });
    } finally {
      clearTimeout(timer);
    }
  });
}
