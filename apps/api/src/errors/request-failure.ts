import type { AppFailure } from "@otas/api";

/**
 * Classifies an error Fastify raised before a handler ran. A body over the limit is
 * `payload_too_large`; other client errors of Fastify's body handling (an unsupported or malformed
 * Content-Type on /trpc, a bad Content-Length...) are `invalid_body`, never a server error.
 */
export function requestFailure(error: unknown): AppFailure {
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return { code: "payload_too_large", expected: true };
  const clientError = typeof statusCode === "number" && statusCode >= 400 && statusCode < 500;
  if (clientError && typeof code === "string" && code.startsWith("FST_ERR_CTP_")) {
    return { code: "invalid_body", expected: true };
  }
  return { code: "server_error", expected: false };
}
