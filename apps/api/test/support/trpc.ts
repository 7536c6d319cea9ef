import type { AppRouter } from "@otas/api";
import { TRPCClientError } from "@trpc/client";
import { expect } from "vitest";

/** The typed error of a call expected to fail; throws when it succeeds or fails otherwise. */
export async function trpcFailure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** tRPC's error shape for `otasCode`, as /trpc answers it (for `toEqual`). */
export function trpcError(otasCode: string, code: number, trpcCode: string, httpStatus: number) {
  return {
    error: {
      message: otasCode,
      code,
      data: expect.objectContaining({ code: trpcCode, httpStatus, otasCode, detail: null }),
    },
  };
}
