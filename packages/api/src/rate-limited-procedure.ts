import type { Context, RateLimitBucket } from "./context.js";
import { TransportError } from "./errors/app-error.js";

/**
 * Counts this call in `bucket` for the caller's address, or for `account` when given, and fails
 * it with `rate_limited` (REST 429, tRPC TOO_MANY_REQUESTS) when over the limit. The count lives
 * in the procedures, under both transports, so REST and tRPC calls share one limit.
 *
 * Procedures count in their resolvers, once their input has parsed: the limits guard the password
 * hashing, and input that does not parse is refused before any hashing, so it is neither counted
 * nor sent to a shared counter store (the primary process, PostgreSQL, Redis).
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
