import type { AppFailure, ErrorCode } from "@otas/api";

/** A refusal by status, for the errors Fastify and its plugins raise with one. */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  // A path outside /docs/static's folder (`/docs/static/../../package.json`) simply does not
  // exist for clients: nothing here is "forbidden" to one caller and served to another.
  403: "not_found",
  404: "not_found",
  405: "method_not_allowed",
  408: "request_timeout",
  413: "payload_too_large",
  431: "headers_too_large",
};

/** What Node and Fastify report when the client closed the connection before the request ended. */
const CLIENT_GONE_CODES = new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/**
 * Whether `error` only says the client went away (closed or reset the connection while its body
 * was being read): nobody is left to answer, and nothing in the service failed.
 */
export function isClientGone(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === "string" && CLIENT_GONE_CODES.has(code)) ||
    message === "aborted" ||
    message === "premature close"
  );
}

/**
 * Classifies an error Fastify (or a plugin, such as the docs page's static files) raised before
 * or instead of a handler. A body over the limit is `payload_too_large`; other client errors of
 * Fastify's body handling (an unsupported or malformed Content-Type on /trpc, a bad
 * Content-Length...) are `invalid_body`; other client errors get the code of their status, or
 * `bad_request`. Only what is not the client's doing is a server error.
 */
export function requestFailure(error: unknown): AppFailure {
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return { code: "payload_too_large", expected: true };
  if (typeof statusCode !== "number" || statusCode < 400 || statusCode >= 500) {
    return { code: "server_error", expected: false };
  }
  if (typeof code === "string" && code.startsWith("FST_ERR_CTP_")) {
    return { code: "invalid_body", expected: true };
  }
  return { code: CODE_BY_STATUS[statusCode] ?? "bad_request", expected: true };
}

/**
 * The code of a request Fastify's router refused (`frameworkErrors`): a URL that does not decode
 * (`/api/user/v1/%zz`) is `bad_request`; a path segment over the router's limit is a tRPC batch
 * of more calls than allowed under /trpc (`batch_not_allowed`) and otherwise names nothing
 * (`not_found`).
 */
export function routingFailure(error: { code?: string }, url: URL, trpcPrefix: string): AppFailure {
  if (error.code === "FST_ERR_BAD_URL") return { code: "bad_request", expected: true };
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    const batch =
      url.pathname.startsWith(`${trpcPrefix}/`) && url.searchParams.get("batch") === "1";
    return { code: batch ? "batch_not_allowed" : "not_found", expected: true };
  }
  return { code: "server_error", expected: false };
}
