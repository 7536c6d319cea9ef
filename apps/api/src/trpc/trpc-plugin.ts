import type { IncomingMessage } from "node:http";
import { type AppRouter, type Context, passwordHashingProcedures } from "@otas/api";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { resolveResponse } from "@trpc/server/http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { guardBatch } from "./batch-guard.js";
import { allowedMethods, refuseUnservedMethods } from "./method-guard.js";
import { TRPC_PREFIX } from "./transport-failure.js";

/**
 * The procedures over tRPC's own HTTP protocol at /trpc, for TypeScript clients.
 *
 * This is tRPC's Fastify adapter (`fastifyRequestHandler`: bodies kept as text, the request
 * handed to `resolveResponse`) with two fixes of tRPC 11.22, the release its React integration
 * requires: a POST with an empty body is a call without input (11.22 fails to parse it, and its
 * own `httpLink` sends exactly that for a mutation without input), and a 405 names the method the
 * procedure takes in `Allow`.
 */
export async function registerTrpc(
  app: FastifyInstance,
  router: AppRouter,
  createContext: (request: FastifyRequest) => Context,
) {
  const hashing = passwordHashingProcedures(router);
  await app.register(async (scope) => {
    refuseUnservedMethods(scope, router);
    // tRPC answers a request it refuses before any call (an unsupported media type) with its
    // JSON error labelled text/plain; every answer here is JSON.
    scope.addHook("onSend", (_request, _reply, payload, done) => {
      // The handler sends a fetch Response, whose headers Fastify copies after this hook.
      if (
        payload instanceof Response &&
        payload.headers.get("content-type")?.startsWith("text/plain")
      ) {
        payload.headers.set("content-type", "application/json");
      }
      done(null, payload);
    });
    // tRPC reads the body itself (and refuses what it cannot parse in its own error shape).
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) =>
      done(null, body),
    );
    scope.removeContentTypeParser("multipart/form-data");
    scope.addContentTypeParser("multipart/form-data", {}, (_request, body, done) =>
      done(null, body),
    );
    scope.all<{ Params: { path: string } }>(`${TRPC_PREFIX}/:path`, async (request, reply) => {
      const incoming: IncomingMessage & { body?: unknown } = request.raw;
      incoming.body = request.body;
      const req = emptyBodyMeansNoInput(
        incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null }),
      );
      const res = await resolveResponse({
        router,
        req,
        path: request.params.path,
        error: null,
        // tRPC hands over its own reading of the request (`info`): the batch guard judges that.
        createContext: async ({ info }) => {
          guardBatch(info, hashing, request.log);
          return createContext(request);
        },
      });
      if (res.status === 405) res.headers.set("allow", allowedMethods(router, request.params.path));
      // Already answered when the request's deadline passed first (see requestDeadline).
      if (!reply.sent) await reply.send(res);
    });
  });
}

/** `req`, whose `json()` reads an empty body as no input (tRPC 11.25's own reading). */
function emptyBodyMeansNoInput(req: Request): Request {
  const json = async () => {
    const text = await req.text();
    return text === "" ? undefined : JSON.parse(text);
  };
  return Object.defineProperty(req, "json", { value: json });
}
