import type { AppRouter } from "@otas/api";
import { isTRPCClientError } from "@trpc/client";
import type { OtasErrorCode } from "./types.js";

/**
 * The API's code of a failed call (e.g. `user_already_exists`), or `undefined` when `error`
 * did not come from the API (a network failure, a proxy's page, a bug in the caller).
 */
export function otasErrorCode(error: unknown): OtasErrorCode | undefined {
  if (!isTRPCClientError<AppRouter>(error)) return undefined;
  return error.data?.otasCode;
}
