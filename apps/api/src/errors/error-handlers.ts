import type { FastifyInstance } from "fastify";
import { sendFailure } from "../legacy/send-failure.js";
import { sendTrpcFailure, TRPC_PREFIX } from "../trpc/transport-failure.js";
import { requestFailure } from "./request-failure.js";

/**
 * Answers what fails outside the procedures — Fastify's own refusals (a body over the limit, an
 * unusable Content-Type...), unknown paths, bugs — in the shape the caller reads: tRPC's error
 * shape under /trpc, the legacy envelope everywhere else. Only unexpected failures are logged as
 * errors, with the request id the client is given as reference, and told to `onUnexpectedFailure`.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  onUnexpectedFailure?: (error: unknown) => void,
) {
  app.setErrorHandler((error, request, reply) => {
    const failure = requestFailure(error);
    if (!failure.expected) {
      request.log.error({ err: error, reference: request.id }, "unexpected failure");
      onUnexpectedFailure?.(error);
    }
    return request.url.startsWith(`${TRPC_PREFIX}/`)
      ? sendTrpcFailure(request, reply, failure)
      : sendFailure(reply, failure);
  });

  app.setNotFoundHandler((_request, reply) =>
    sendFailure(reply, { code: "not_found", expected: true }),
  );
}
