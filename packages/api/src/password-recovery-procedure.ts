import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";

/**
 * Procedures of password recovery by email: `not_found` while it is off (the host has no mail
 * transport). Their resolvers count them (see `enforceRateLimit`).
 */
export const passwordRecoveryProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const recovery = ctx.passwordRecovery;
  if (recovery === undefined) throw new TransportError("not_found");
  return next({ ctx: { passwordRecovery: recovery } });
});
