import type { OpenApiMeta } from "trpc-to-openapi";

/** How a procedure answers on its legacy REST path. */
export interface LegacyMeta {
  /** `status_description` of a success, e.g. `user_created`. */
  successCode: string;
  /** The key that holds the result: `response_body`, except login's `response`. */
  resultKey?: "response_body" | "response";
  /** Login answers every failure with one bare body instead of the envelope. */
  failureCode?: "login_failed";
  /** The status of `server_error` (the create endpoint documents 400). */
  serverErrorStatus?: number;
  /** The endpoint ignores its body (the procedure takes no input). */
  ignoresBody?: true;
}

/** Procedure metadata: the OpenAPI route plus its legacy envelope. */
export type Meta = OpenApiMeta<{ legacy?: LegacyMeta }>;
