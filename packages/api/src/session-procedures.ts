import {
  type Caller,
  endOtherSessions,
  endOtherSessionsOutput,
  endSession,
  endSessionInput,
  endSessionOutput,
  listSessions,
  listSessionsOutput,
  signOut,
  signOutEverywhere,
} from "@otas/core";
import { z } from "zod";
import type { Context, SignOutKind } from "./context.js";
import { protectedProcedure } from "./protected-procedure.js";
import { enforceRateLimit } from "./rate-limited-procedure.js";

/** The session calls' limits: per client address and per account, like the other calls. */
async function limitSessionCalls(ctx: {
  rateLimit?: Context["rateLimit"] | undefined;
  user: { id: string };
}): Promise<void> {
  await enforceRateLimit(ctx, "session");
  await enforceRateLimit(ctx, "session", ctx.user.id);
}

/** The caller as core's session use cases take it: the token's user and session, the client. */
function callerOf({
  user,
  session,
  client,
}: Omit<Caller, "client"> & { client?: Context["client"] | undefined }): Caller {
  return { user, session, client: client?.() };
}

/** Counts a finished sign-out of `kind` (metrics), answering what the use case answered. */
function counted<Result>(
  ctx: { onSignOut?: Context["onSignOut"] | undefined },
  kind: SignOutKind,
  result: Result,
): Result {
  ctx.onSignOut?.(kind);
  return result;
}

/**
 * Sessions that can be ended, new in this service: signing out (also on the legacy paths
 * `logout/` and `logout-all/`), listing one's sessions and ending them. Part of the user router.
 * A token ended here is refused at once by every process; the other OTAS services verify tokens
 * themselves and do not see it (docs/legacy-rest-contract.md, "Tokens").
 */
export const sessionProcedures = {
  signOut: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/logout/",
        summary: "Sign out: end this token's session",
        description:
          "The token is refused from then on (`invalid_token`), whichever service issued it; " +
          "no other session is touched. The body is ignored.",
        tags: ["user"],
        protect: true,
      },
      legacy: { successCode: "logged_out", ignoresBody: true, errors: ["rate_limited"] },
    })
    .input(z.void())
    .output(z.null())
    .mutation(async ({ ctx }) => {
      await limitSessionCalls(ctx);
      return counted(ctx, "sign_out", await signOut(callerOf(ctx), ctx.deps));
    }),

  signOutEverywhere: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/logout-all/",
        summary: "Sign out everywhere: end every session of the account",
        description:
          "Every token of the account issued until now is refused from then on, the caller's " +
          "included, tokens of the original service too. The body is ignored.",
        tags: ["user"],
        protect: true,
      },
      legacy: { successCode: "logged_out_everywhere", ignoresBody: true, errors: ["rate_limited"] },
    })
    .input(z.void())
    .output(z.null())
    .mutation(async ({ ctx }) => {
      await limitSessionCalls(ctx);
      return counted(ctx, "sign_out_everywhere", await signOutEverywhere(callerOf(ctx), ctx.deps));
    }),

  /** The caller's live sessions, the current one first and marked `current`. */
  sessions: protectedProcedure.output(listSessionsOutput).query(async ({ ctx }) => {
    await limitSessionCalls(ctx);
    return listSessions(callerOf(ctx), ctx.deps);
  }),

  /** Ends one of the caller's sessions; another user's is `session_not_found`, as an unknown one. */
  endSession: protectedProcedure
    .input(endSessionInput)
    .output(endSessionOutput)
    .mutation(async ({ input, ctx }) => {
      await limitSessionCalls(ctx);
      return counted(ctx, "end_session", await endSession(input, callerOf(ctx), ctx.deps));
    }),

  /** Ends every session of the caller's user but the caller's own. */
  endOtherSessions: protectedProcedure.output(endOtherSessionsOutput).mutation(async ({ ctx }) => {
    await limitSessionCalls(ctx);
    return counted(ctx, "end_other_sessions", await endOtherSessions(callerOf(ctx), ctx.deps));
  }),
};
