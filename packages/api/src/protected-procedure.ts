import { authenticateUser } from "@otas/core";
import { TransportError } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";

/**
 * Procedures that act for a user. The token (`X-OTAS-USER-TOKEN`, bare, on REST and tRPC alike)
 * is checked before the input is parsed, as the contract orders: no or empty header is
 * `missing_token`, any unusable token (an ended session included) `invalid_token`. The resolved
 * user is `ctx.user`, the token's session `ctx.session`, which is noted as used (written later,
 * at most every few minutes, see `SessionActivity`).
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.token) throw new TransportError("missing_token");
  const { user, session } = await authenticateUser({ token: ctx.token }, ctx.deps);
  ctx.deps.sessionActivity.seen(session);
  return next({ ctx: { user, session } });
});
