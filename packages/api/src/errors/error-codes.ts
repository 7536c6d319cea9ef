import type { DomainErrorCode } from "@otas/core";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** Codes the transports add to the domain's: requests that never reached a use case. */
export type TransportErrorCode =
  | "missing_token"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "rate_limited"
  | "batch_not_allowed"
  | "request_timeout"
  | "headers_too_large"
  | "bad_request"
  | "service_unavailable"
  | "server_error";

/** Every code a client of this API can receive, over REST or tRPC. */
export type ErrorCode = DomainErrorCode | TransportErrorCode;

interface CodeMapping {
  /** The legacy REST status. */
  http: number;
  /** The tRPC code, which sets the status over /trpc. */
  trpc: TRPC_ERROR_CODE_KEY;
}

/**
 * The one place where error codes meet transports.
 * @see docs/legacy-rest-contract.md
 */
export const errorCodes: Record<ErrorCode, CodeMapping> = {
  missing_fields: { http: 400, trpc: "BAD_REQUEST" },
  missing_required_fields: { http: 400, trpc: "BAD_REQUEST" },
  missing_password: { http: 400, trpc: "BAD_REQUEST" },
  // A body that is not JSON (or none): JSON-RPC's parse error, 400 over /trpc too.
  invalid_json: { http: 400, trpc: "PARSE_ERROR" },
  invalid_body: { http: 400, trpc: "BAD_REQUEST" },
  invalid_field_type: { http: 400, trpc: "BAD_REQUEST" },
  invalid_characters: { http: 400, trpc: "BAD_REQUEST" },
  invalid_email_format: { http: 400, trpc: "BAD_REQUEST" },
  password_too_short: { http: 400, trpc: "BAD_REQUEST" },
  field_too_long: { http: 400, trpc: "BAD_REQUEST" },
  user_already_exists: { http: 400, trpc: "CONFLICT" },
  login_failed: { http: 401, trpc: "UNAUTHORIZED" },
  invalid_token: { http: 401, trpc: "UNAUTHORIZED" },
  invalid_or_expired_token: { http: 400, trpc: "BAD_REQUEST" },
  session_not_found: { http: 404, trpc: "NOT_FOUND" },
  missing_token: { http: 400, trpc: "UNAUTHORIZED" },
  not_found: { http: 404, trpc: "NOT_FOUND" },
  method_not_allowed: { http: 405, trpc: "METHOD_NOT_SUPPORTED" },
  payload_too_large: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  rate_limited: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  batch_not_allowed: { http: 400, trpc: "BAD_REQUEST" },
  request_timeout: { http: 408, trpc: "TIMEOUT" },
  headers_too_large: { http: 431, trpc: "BAD_REQUEST" },
  bad_request: { http: 400, trpc: "BAD_REQUEST" },
  // A request that arrived while the process was shutting down: not run, safe to send again.
  service_unavailable: { http: 503, trpc: "SERVICE_UNAVAILABLE" },
  server_error: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
};

/** tRPC's status of each code's tRPC code, worked out once (an error per answer costs a stack). */
const trpcStatuses = new Map(
  Object.entries(errorCodes).map(([code, { trpc }]) => [
    code,
    getHTTPStatusCodeFromError(new TRPCError({ code: trpc })),
  ]),
);

/**
 * The HTTP status a failure gets over /trpc: tRPC's status for its tRPC code (503 for a
 * `server_error` marked unavailable).
 */
export function trpcHttpStatus(failure: { code: ErrorCode; unavailable?: true }): number {
  if (failure.unavailable) return 503;
  return trpcStatuses.get(failure.code) ?? 500;
}
