import { TRPCError } from "@trpc/server";
import { toAppFailure } from "../src/errors/app-error.js";

/** The contract's code of a rejected procedure call, with its detail (`code: detail`). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const failure = toAppFailure(error);
  return failure.detail === undefined ? failure.code : `${failure.code}: ${failure.detail}`;
}
