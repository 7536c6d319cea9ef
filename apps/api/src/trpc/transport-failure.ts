import { type AppFailure, trpcCodeOf, trpcHttpStatus } from "@otas/api";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FastifyReply, FastifyRequest } from "fastify";

/** The prefix tRPC is served under. */
export const TRPC_PREFIX = "/trpc";

/**
 * Answers a /trpc request that Fastify refused before tRPC saw it (a body over the limit, an
 * unusable Content-Type) in tRPC's own error shape, with the same `data` fields the procedures'
 * errors carry, so `@trpc/client` raises a typed TRPCClientError (`data.otasCode`) instead of
 * failing to read the REST envelope. A batch call gets one error per procedure it named.
 */
export function sendTrpcFailure(request: FastifyRequest, reply: FastifyReply, failure: AppFailure) {
  const trpc = trpcCodeOf(failure);
  const http = trpcHttpStatus(failure);
  const error = {
    message: failure.code,
    code: TRPC_ERROR_CODES_BY_KEY[trpc],
    data: {
      code: trpc,
      httpStatus: http,
      path: null,
      otasCode: failure.code,
      detail: null,
      fields: [],
    },
  };
  const url = new URL(request.url, "http://localhost");
  const paths = url.pathname.slice(TRPC_PREFIX.length + 1).split(",");
  const body = url.searchParams.get("batch") === "1" ? paths.map(() => ({ error })) : { error };
  return reply.code(http).type("application/json").send(body);
}
