import { randomUUID } from "node:crypto";
import cors from "@fastify/cors";
import type { Database, UserDeps } from "@otas/core";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify from "fastify";
import type { ApiEnv } from "./env.js";
import { sendFailure } from "./legacy/envelope.js";
import { legacyRestPlugin } from "./legacy/legacy-plugin.js";
import { buildOpenApiDocument } from "./openapi.js";
import { type AppRouter, appRouter } from "./trpc/app-router.js";
import { createContextFactory, TOKEN_HEADER } from "./trpc/context.js";

export interface BuildAppOptions {
  env: Pick<ApiEnv, "LOG_LEVEL" | "CORS_ORIGINS" | "BODY_LIMIT_BYTES">;
  deps: UserDeps;
  database: Pick<Database, "ping">;
  /** Where log lines go instead of stdout (tests capture them this way). */
  logStream?: { write(line: string): void };
}

/** Never written to a log line, whatever a future serializer includes. */
const REDACTED_PATHS = [
  `req.headers["${TOKEN_HEADER}"]`,
  "req.headers.authorization",
  "*.password",
  "*.Password",
  "*.passwordHash",
  "*.jwt_token",
];

/**
 * Builds the Fastify application (it does not listen): tRPC at /trpc, the legacy REST API under
 * /api, the OpenAPI document and the health check.
 */
export async function buildApp({ env, deps, database, logStream }: BuildAppOptions) {
  const app = Fastify({
    logger: {
      level: env.LOG_LEVEL,
      redact: REDACTED_PATHS,
      ...(logStream === undefined ? {} : { stream: logStream }),
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: env.BODY_LIMIT_BYTES,
  });
  const createContext = createContextFactory(deps);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(cors, {
    origin: env.CORS_ORIGINS.includes("*") ? "*" : env.CORS_ORIGINS,
    methods: ["GET", "POST", "PUT", "OPTIONS"],
    allowedHeaders: ["Content-Type", "X-OTAS-USER-TOKEN"],
    exposedHeaders: ["X-Request-Id"],
    maxAge: 600,
  });

  app.setErrorHandler((error, request, reply) => {
    const tooLarge = (error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE";
    if (!tooLarge) request.log.error({ err: error, reference: request.id }, "unexpected failure");
    const failure = tooLarge
      ? { code: "payload_too_large" as const, expected: true }
      : { code: "server_error" as const, expected: false };
    return sendFailure(reply, failure);
  });

  app.setNotFoundHandler((_request, reply) =>
    sendFailure(reply, { code: "not_found", expected: true }),
  );

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }: { req: Parameters<typeof createContext>[0] }) => createContext(req),
    },
  });

  await app.register(legacyRestPlugin, { router: appRouter, createContext });

  app.get("/openapi.json", async (request) =>
    buildOpenApiDocument(appRouter, `${request.protocol}://${request.host}`),
  );

  app.get("/healthz", async (request, reply) => {
    try {
      await database.ping();
      return { status: "ok" };
    } catch (error) {
      request.log.warn({ err: error }, "health check failed");
      return reply.code(503).send({ status: "unavailable" });
    }
  });

  return app;
}

export type { AppRouter };
