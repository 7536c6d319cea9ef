import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { loggedUrl } from "./logged-request.js";

/**
 * One log line per request, written when it completes: method, URL and client address with the
 * status and response time, under the request id. Fastify's default also writes an "incoming
 * request" line first; that one is kept at debug level (a second write on every request costs
 * the service a measurable share of its cheapest answers).
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest) {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    if (this.isLogDisabled(request)) return;
    const details = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...details, err: error }, "request errored");
    else reply.log.info(details, "request completed");
  }

  /** Fastify's own 404 handler's line, with the URL as every other line shows it. */
  override routeNotFound(request: FastifyRequest) {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.method}:${loggedUrl(request.url)} not found`);
  }
}
