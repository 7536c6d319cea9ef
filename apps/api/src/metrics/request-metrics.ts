import type { FastifyInstance } from "fastify";
import type { ServiceMetrics } from "./service-metrics.js";

/** The label of requests no route matched (404s), so raw URLs never become label values. */
const UNMATCHED_ROUTE = "unmatched";

/**
 * Records every answered request's duration by route pattern (e.g. `/api/user/v1/create/`,
 * `/trpc/:path`), method and status, once the answer is sent.
 */
export function recordRequestMetrics(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook("onResponse", (request, reply, done) => {
    metrics.requestAnswered(
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
