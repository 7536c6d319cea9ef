import type { AppFailure } from "@otas/api";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendFailure } from "../legacy/send-failure.js";
import { sendTrpcFailure, TRPC_PREFIX } from "../trpc/transport-failure.js";
import { isClientGone, requestFailure, routingFailure } from "./request-failure.js";

/**
 * Logs a failure at the level it deserves and answers it in the shape the caller reads: tRPC's
 * error shape under /trpc, the legacy envelope everywhere else. Only unexpected failures are
 * errors, logged with the request id the client is given as reference; a refusal is an info
 * line naming why (never the error's message, which can quote the request); a client that went
 * away is an info line too. Unexpected failures are also told to `onUnexpectedFailure`.
 */
function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  error: FastifyError,
  failure: AppFailure,
  onUnexpectedFailure?: (error: unknown) => void,
) {
  if (isClientGone(error)) {
    request.log.info({ code: error.code }, "client closed the connection");
  } else if (!failure.expected) {
    request.log.error({ err: error, reference: request.id }, "unexpected failure");
    onUnexpectedFailure?.(error);
  } else {
    request.log.info({ code: failure.code, reason: error.code }, "request refused");
  }
  return sendAppFailure(request, reply, failure);
}

/** Answers `failure` in the caller's shape: tRPC's error under /trpc, the envelope elsewhere. */
export function sendAppFailure(request: FastifyRequest, reply: FastifyReply, failure: AppFailure) {
  // Already answered when the request's deadline passed first (see requestDeadline).
  if (reply.sent) return reply;
  return request.url.startsWith(`${TRPC_PREFIX}/`)
    ? sendTrpcFailure(request, reply, failure)
    : sendFailure(reply, failure);
}

/**
 * Fastify's `frameworkErrors`: requests its router refuses before any hook runs (a URL that does
 * not decode, a path segment over the length limit), answered like every other failure instead
 * of with Fastify's own JSON.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  // No hook has run for this request, so set what the hooks would (request id, no caching).
  reply.header("x-request-id", request.id).header("cache-control", "no-store");
  const url = new URL(request.url, "http://localhost");
  return answer(request, reply, error, routingFailure(error, url, TRPC_PREFIX));
}

/**
 * Answers what fails outside the procedures — Fastify's own refusals (a body over the limit, an
 * unusable Content-Type...), its plugins' (the docs page's static files), unknown paths, clients
 * that went away, bugs — through {@link answer}.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  onUnexpectedFailure?: (error: unknown) => void,
) {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    answer(request, reply, error, requestFailure(error), onUnexpectedFailure),
  );

  app.setNotFoundHandler((request, reply) =>
    sendAppFailure(request, reply, { code: "not_found", expected: true }),
  );
}
