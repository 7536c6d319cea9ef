import { type AppRouter, type Context, passwordHashingProcedures } from "@otas/api";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { TRPCRequestInfo } from "@trpc/server/http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { guardBatch } from "./batch-guard.js";
import { refuseUnservedMethods } from "./method-guard.js";
import { TRPC_PREFIX } from "./transport-failure.js";

/** The procedures over tRPC's own HTTP protocol at /trpc, for TypeScript clients. */
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
      // The adapter sends a fetch Response, whose headers Fastify copies after this hook.
      if (
        payload instanceof Response &&
        payload.headers.get("content-type")?.startsWith("text/plain")
      ) {
        payload.headers.set("content-type", "application/json");
      }
      done(null, payload);
    });
    await scope.register(fastifyTRPCPlugin, {
      prefix: TRPC_PREFIX,
      trpcOptions: {
        router,
        // tRPC hands over its own reading of the request (`info`): the batch guard judges that.
        createContext: ({ req, info }: { req: FastifyRequest; info: TRPCRequestInfo }) => {
          guardBatch(info, hashing, req.log);
          return createContext(req);
        },
      },
    });
  });
}
