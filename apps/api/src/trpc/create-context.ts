import { type Context, TOKEN_HEADER } from "@otas/api";
import type { UserDeps } from "@otas/core";
import type { FastifyRequest } from "fastify";
import type { RequestRateLimiter } from "../limits/rate-limit.js";

/** Builds the procedures' context for a request, on either transport. */
export function createContextFactory(
  deps: UserDeps,
  limiter?: RequestRateLimiter,
  onUnexpectedFailure?: (error: unknown) => void,
) {
  return (request: FastifyRequest): Context => {
    const token = request.headers[TOKEN_HEADER];
    const context: Context = {
      deps,
      requestId: request.id,
      log: request.log,
      token: Array.isArray(token) ? token[0] : token,
    };
    if (onUnexpectedFailure !== undefined) context.onUnexpectedFailure = onUnexpectedFailure;
    if (limiter !== undefined) {
      context.rateLimit = (bucket, account) => limiter(request, bucket, account);
    }
    return context;
  };
}
