import type { RateLimitBucket } from "./context.js";
import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";

/**
 * Procedures counted per client address in `bucket` before their input is even parsed. The
 * count lives here, under both transports, so REST and tRPC calls share one limit; over it the
 * call fails with `rate_limited` (REST 429, tRPC TOO_MANY_REQUESTS).
 */
export function rateLimitedProcedure(bucket: RateLimitBucket) {
  return publicProcedure.use(async ({ ctx, next }) => {
    if (ctx.rateLimit !== undefined && (await ctx.rateLimit(bucket))) {
      throw new TransportError("rate_limited");
    }
    return next();
  });
}
