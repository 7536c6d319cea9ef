import type { Context } from "@otas/api";
import { type AnyProcedure, getTRPCErrorFromUnknown, type TRPCError } from "@trpc/server";

/** A procedure called with a request's context and its input: its output, or its TRPCError. */
export type ProcedureCall = (context: Context, input: unknown) => Promise<unknown>;

/** What each middleware of a procedure is handed, as tRPC hands it over. */
interface StepOptions {
  path: string;
  type: AnyProcedure["_def"]["type"];
  ctx: object;
  input: unknown;
  getRawInput: () => Promise<unknown>;
  signal: undefined;
  batchIndex: number;
}

/** What a middleware may pass to `next`. */
interface NextOptions {
  ctx?: object;
  input?: unknown;
  getRawInput?: () => Promise<unknown>;
}

type StepResult =
  | { ok: true; data: unknown; marker: string }
  | { ok: false; error: TRPCError; marker: string };

type Middleware = (
  options: StepOptions & { meta: unknown; next(next?: NextOptions): Promise<StepResult> },
) => Promise<StepResult>;

/** tRPC's tag on a middleware's result. */
const MIDDLEWARE_MARKER = "middlewareMarker";

/**
 * Calls `procedure` as tRPC's server-side caller does (`procedure(opts)`): its middlewares in
 * order — the error boundary, the token check, input parsing, output validation, the resolver —
 * each handed the options of the one before with what it passed to `next` (a context it adds to
 * is merged into the one it got), and any throw turned into a TRPCError result. The same steps,
 * with native object spreads: tRPC's build copies the options with a property-by-property helper
 * at every step, about 9 µs of a token check's CPU in-process (see bench/README.md). The
 * legacy routes call their procedures this way; tRPC's own transport calls them as usual, and a
 * test holds both to the same answers and errors.
 */
export function procedureCall(procedure: AnyProcedure, path: string): ProcedureCall {
  const { type, meta } = procedure._def;
  // At run time a procedure keeps its middlewares in its definition (its type leaves them out).
  const { middlewares } = procedure._def as unknown as { middlewares: readonly Middleware[] };
  const step = async (index: number, options: StepOptions): Promise<StepResult> => {
    try {
      const middleware = middlewares[index];
      if (middleware === undefined) throw new Error(`${path}: no result from its middlewares`);
      return await middleware({
        ...options,
        meta,
        next: (next) =>
          step(index + 1, {
            ...options,
            ctx: next?.ctx ? { ...options.ctx, ...next.ctx } : options.ctx,
            input: next !== undefined && "input" in next ? next.input : options.input,
            getRawInput: next?.getRawInput ?? options.getRawInput,
          }),
      });
    } catch (cause) {
      return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: MIDDLEWARE_MARKER };
    }
  };
  return async (ctx, input) => {
    const result = await step(0, {
      path,
      type,
      ctx,
      input: undefined,
      getRawInput: async () => input,
      signal: undefined,
      batchIndex: 0,
    });
    if (!result.ok) throw result.error;
    return result.data;
  };
}
