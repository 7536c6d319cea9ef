import rateLimit, { type FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** What is counted separately per client address. */
export type RateLimitBucket = "create" | "login";

/** Checks (and counts) one request; true when the address is over its limit. */
export type RequestRateLimiter = (
  request: FastifyRequest,
  bucket: RateLimitBucket,
) => Promise<boolean>;

/** Settings of {@link registerRateLimits}. */
export interface RateLimitSettings {
  max: number;
  windowMs: number;
  /** Where counters live; @fastify/rate-limit's in-process LRU when absent. */
  store?: FastifyRateLimitStoreCtor | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the request was refused for its rate: seconds until the window resets. */
    rateLimitRetryAfter: number | null;
  }
}

/**
 * Registers @fastify/rate-limit without route hooks and returns a limiter the procedures call,
 * so a create or login is counted once per address whichever transport (REST or tRPC) carried
 * it. The key is the bucket and `request.ip`, which honours `X-Forwarded-For` only from the
 * proxies Fastify's `trustProxy` names. Refused requests get a `Retry-After` header.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
): Promise<RequestRateLimiter> {
  await app.register(rateLimit, {
    global: false,
    max: settings.max,
    timeWindow: settings.windowMs,
    ...(settings.store === undefined ? {} : { store: settings.store }),
  });
  const limiterFor = (bucket: RateLimitBucket) =>
    app.createRateLimit({ keyGenerator: (request) => `${bucket}:${request.ip}` });
  const limiters = { create: limiterFor("create"), login: limiterFor("login") };

  app.decorateRequest("rateLimitRetryAfter", null);
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.rateLimitRetryAfter !== null) {
      reply.header("retry-after", String(request.rateLimitRetryAfter));
    }
    return payload;
  });

  return async (request, bucket) => {
    const verdict = await limiters[bucket](request);
    if (verdict.isAllowed || !verdict.isExceeded) return false;
    request.rateLimitRetryAfter = verdict.ttlInSeconds;
    return true;
  };
}
