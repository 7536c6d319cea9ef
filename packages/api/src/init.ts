import { initTRPC } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Context } from "./context.js";
import { toAppFailure, toTRPCError, trpcCodeOf } from "./errors/app-error.js";
import { trpcHttpStatus } from "./errors/error-codes.js";
import type { Meta } from "./meta.js";

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    /**
     * Every error's shape from its contract code alone: codes, status and message come from the
     * error table, so requests tRPC refuses itself (an unknown procedure, a body that is not
     * JSON) answer like the procedures' own errors, and no message of a parser or of a bug (which
     * can quote the request, a password included) ever reaches the client.
     */
    errorFormatter({ shape, error }) {
      const failure = toAppFailure(error);
      const trpc = trpcCodeOf(failure);
      const detail = failure.expected ? (failure.detail ?? failure.reason ?? null) : null;
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY[trpc],
        message: detail === null ? failure.code : `${failure.code}: ${detail}`,
        data: {
          code: trpc,
          // tRPC answers with this status (a batch: 207 when its calls' statuses differ).
          httpStatus: trpcHttpStatus(failure),
          path: shape.data.path,
          /** The contract's code, for clients to branch on. */
          otasCode: failure.code,
          /** The contract's detail (`email, password`), or a reason such as `expired`. */
          detail,
          /** The input fields the failure is about, as a list (a form marks them). */
          fields: failure.expected ? [...(failure.fields ?? [])] : [],
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
