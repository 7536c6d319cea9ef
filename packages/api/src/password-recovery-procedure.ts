import type { RateLimitBucket } from "./context.js";
import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";
import { enforceRateLimit } from "./rate-limited-procedure.js";

/**
 * Procedures of password recovery by email: `not_found` while it is off (the host has no mail
 * transport), then counted per client address in `bucket` before their input is parsed.
 */
export function passwordRecoveryProcedure(bucket: RateLimitBucket) {
  return publicProcedure.use(async ({ ctx, next }) => {
    const recovery = ctx.passwordRecovery;
    if (recovery === undefined) throw new TransportError("not_found");
    await enforceRateLimit(ctx, bucket);
    return next({ ctx: { passwordRecovery: recovery } });
  });
}
