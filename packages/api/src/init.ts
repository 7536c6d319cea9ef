import { initTRPC } from "@trpc/server";
import type { Context } from "./context.js";
import { toAppFailure, toTRPCError } from "./errors/app-error.js";
import { failureReply, successReply } from "./legacy/envelope.js";
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

/** A legacy body of `[]` means `{}` (the original service treated it so). */
function legacyInput(body: unknown): unknown {
  return Array.isArray(body) && body.length === 0 ? {} : body;
}

/**
 * The boundary every procedure shares. For legacy REST calls it hands the input parser the
 * body exactly as sent (the adapter would spread a non-object into `{}`) and records the
 * envelope to answer with; for every call it turns domain errors into TRPCErrors with the
 * status their code maps to, and logs unexpected ones with the request id as reference.
 */
const boundary = t.middleware(async ({ ctx, meta, next }) => {
  const rest = ctx.rest;
  const result =
    rest && !meta?.legacy?.ignoresBody
      ? await next({ getRawInput: async () => legacyInput(rest.body) })
      : await next();
  if (result.ok) {
    if (rest && meta?.legacy) rest.reply = successReply(meta.legacy, result.data);
    return result;
  }
  const failure = toAppFailure(result.error);
  if (!failure.expected) {
    ctx.log.error(
      { err: result.error.cause ?? result.error, reference: ctx.requestId },
      "unexpected failure",
    );
  } else if (failure.logReason !== undefined) {
    // E.g. why a token from another OTAS service was refused (clock skew, secret, claims).
    ctx.log.info({ code: failure.code, reason: failure.logReason }, "request refused");
  }
  if (rest) rest.reply = failureReply(failure, ctx.requestId, meta?.legacy);
  return { ...result, error: toTRPCError(failure, result.error.cause ?? result.error) };
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The only procedure builder routers start from. */
export const publicProcedure = t.procedure.use(boundary);
