import { isTRPCClientError } from "@trpc/client";
import type { OtasErrorCode, OtasErrorData } from "./types.js";

/** A failure the API answered: tRPC's client error, with the API's error data. */
export interface OtasError extends Error {
  readonly data: OtasErrorData;
}

/**
 * Whether `error` is a failure the API answered (it carries a contract code), as opposed to a
 * network failure, a proxy's error page or a bug in the caller.
 */
export function isOtasError(error: unknown): error is OtasError {
  if (!isTRPCClientError(error)) return false;
  const data: unknown = error.data;
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as { otasCode?: unknown }).otasCode === "string"
  );
}

/**
 * The API's code of a failed call (e.g. `user_already_exists`), or `undefined` when `error`
 * did not come from the API.
 */
export function otasErrorCode(error: unknown): OtasErrorCode | undefined {
  return isOtasError(error) ? error.data.otasCode : undefined;
}

/** The input fields a failure is about (e.g. `["email", "password"]`); none when unknown. */
export function otasErrorFields(error: unknown): readonly string[] {
  return isOtasError(error) && Array.isArray(error.data.fields) ? error.data.fields : [];
}
