import type { UserDeps } from "@otas/core";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type { RateLimitBucket, RequestRateLimiter } from "../limits/rate-limit.js";

/** How a legacy REST call is answered: the envelope the REST plugin sends instead. */
export interface LegacyReply {
  status: number;
  body: Record<string, unknown>;
}

/** What the REST adapter adds to a call: the body as parsed, and the reply to send. */
export interface RestExchange {
  /** The JSON body, `undefined` when it was empty or not JSON. */
  readonly body: unknown;
  reply?: LegacyReply;
}

/** The context of every procedure call, whichever transport carried it. */
export interface Context {
  deps: UserDeps;
  requestId: string;
  log: FastifyBaseLogger;
  /** `X-OTAS-USER-TOKEN` as sent (the same header over REST and tRPC). */
  token: string | undefined;
  /** Present only for calls through the legacy REST paths. */
  rest?: RestExchange;
  /** Counts this call against its address's limit; true when over it. Absent: no limits. */
  rateLimit?: (bucket: RateLimitBucket) => Promise<boolean>;
}

/** The header legacy clients and tRPC clients send the token in. */
export const TOKEN_HEADER = "x-otas-user-token";

/** Builds the context for a request, on either transport. */
export function createContextFactory(deps: UserDeps, limiter?: RequestRateLimiter) {
  return (request: FastifyRequest, rest?: RestExchange): Context => {
    const token = request.headers[TOKEN_HEADER];
    const context: Context = {
      deps,
      requestId: request.id,
      log: request.log,
      token: Array.isArray(token) ? token[0] : token,
    };
    if (rest !== undefined) context.rest = rest;
    if (limiter !== undefined) context.rateLimit = (bucket) => limiter(request, bucket);
    return context;
  };
}
