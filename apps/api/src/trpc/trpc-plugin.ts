import { type AppRouter, type Context, passwordHashingProcedures } from "@otas/api";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { batchGuard } from "./batch-guard.js";
import { TRPC_PREFIX } from "./transport-failure.js";

/** The procedures over tRPC's own HTTP protocol at /trpc, for TypeScript clients. */
export async function registerTrpc(
  app: FastifyInstance,
  router: AppRouter,
  createContext: (request: FastifyRequest) => Context,
) {
  app.addHook("onRequest", batchGuard(passwordHashingProcedures(router)));
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PREFIX,
    trpcOptions: {
      router,
      createContext: ({ req }: { req: FastifyRequest }) => createContext(req),
    },
  });
}
