import { authenticateUser } from "@otas/core";
import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";

/**
 * Procedures that act for a user. The token (`X-OTAS-USER-TOKEN`, bare, on REST and tRPC alike)
 * is checked before the input is parsed, as the contract orders: no or empty header is
 * `missing_token`, any unusable token `invalid_token`. The resolved user is `ctx.user`.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.token) throw new TransportError("missing_token");
  const user = await authenticateUser({ token: ctx.token }, ctx.deps);
  return next({ ctx: { user } });
});
