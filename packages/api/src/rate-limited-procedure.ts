import type { Context, RateLimitBucket } from "./context.js";
import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";
import { protectedProcedure } from "./protected-procedure.js";

/**
 * Counts this call in `bucket` for the caller's address, or for `account` when given, and fails
 * it with `rate_limited` (REST 429, tRPC TOO_MANY_REQUESTS) when over the limit. The count lives
 * in the procedures, under both transports, so REST and tRPC calls share one limit.
 */
export async function enforceRateLimit(
  ctx: { rateLimit?: Context["rateLimit"] | undefined },
  bucket: RateLimitBucket,
  account?: string,
): Promise<void> {
  if (ctx.rateLimit !== undefined && (await ctx.rateLimit(bucket, account))) {
    throw new TransportError("rate_limited");
  }
}

/** Procedures counted per client address in `bucket` before their input is even parsed. */
export function rateLimitedProcedure(bucket: RateLimitBucket) {
  return publicProcedure.use(async ({ ctx, next }) => {
    await enforceRateLimit(ctx, bucket);
    return next();
  });
}

/**
 * Procedures that act for the token's user and are counted in `bucket` per address and per
 * account, after the token check (which the contract puts first) and before the input is parsed.
 */
export function rateLimitedUserProcedure(bucket: RateLimitBucket) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    await enforceRateLimit(ctx, bucket);
    await enforceRateLimit(ctx, bucket, ctx.user.id);
    return next();
  });
}
