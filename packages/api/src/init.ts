import { initTRPC } from "@trpc/server";
import type { Context } from "./context.js";
import { toAppFailure, toTRPCError } from "./errors/app-error.js";
import type { Meta } from "./meta.js";

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const failure = toAppFailure(error);
      return {
        ...shape,
        // An unexpected failure keeps its internals (message, stack) out of the answer.
        message: failure.expected ? shape.message : "server_error",
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          /** The contract's code, for clients to branch on. */
          otasCode: failure.code,
          detail: failure.expected ? (failure.detail ?? null) : null,
        },
      };
    },
  });

/**
 * The boundary every procedure shares, whichever transport called it: it turns domain errors
 * into TRPCErrors with the status their code maps to, logs unexpected ones with the request id
 * as reference, and logs why an expected refusal happened when the use case said so.
 */
const boundary = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const failure = toAppFailure(result.error);
  if (!failure.expected) {
    const cause = result.error.cause ?? result.error;
    ctx.log.error({ err: cause, reference: ctx.requestId }, "unexpected failure");
    ctx.onUnexpectedFailure?.(cause);
  } else if (failure.logReason !== undefined) {
    // E.g. why a token from another OTAS service was refused (clock skew, secret, claims).
    ctx.log.info({ code: failure.code, reason: failure.logReason }, "request refused");
  }
  return { ...result, error: toTRPCError(failure, result.error.cause ?? result.error) };
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The only procedure builder routers start from. */
export const publicProcedure = t.procedure.use(boundary);
