import { randomUUID } from "node:crypto";
import cors from "@fastify/cors";
import {
  appRouter,
  buildOpenApiDocument,
  passwordHashingProcedures,
  TOKEN_HEADER,
  withServer,
} from "@otas/api";
import type { Database, UserDeps } from "@otas/core";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify from "fastify";
import { type ApiEnv, apiEnvDefaults } from "./env.js";
import { requestFailure } from "./errors/request-failure.js";
import { legacyRestPlugin } from "./legacy/legacy-plugin.js";
import { sendFailure } from "./legacy/send-failure.js";
import { connectionDrain } from "./lifecycle/drain-connections.js";
import { registerRateLimits } from "./limits/rate-limit.js";
import { memoryRateLimitStore, type RateLimitStore } from "./limits/rate-limit-store.js";
import { type ServerLimitSettings, serverLimitOptions } from "./limits/server-options.js";
import { docsPlugin, requestOrigin } from "./openapi/docs-plugin.js";
import { batchGuard } from "./trpc/batch-guard.js";
import { createContextFactory } from "./trpc/create-context.js";
import { sendTrpcFailure, TRPC_PREFIX } from "./trpc/transport-failure.js";

export interface BuildAppOptions {
  env: Pick<ApiEnv, "LOG_LEVEL" | "CORS_ORIGINS" | "BODY_LIMIT_BYTES"> &
    Partial<
      ServerLimitSettings &
        Pick<ApiEnv, "RATE_LIMIT_MAX" | "RATE_LIMIT_ACCOUNT_MAX" | "RATE_LIMIT_WINDOW_MS">
    >;
  deps: UserDeps;
  database: Pick<Database, "ping">;
  /** Where log lines go instead of stdout (tests capture them this way). */
  logStream?: { write(line: string): void };
  /** Where rate-limit counters live (see `postgresRateLimitStore`); this process's memory when absent. */
  rateLimitStore?: RateLimitStore | undefined;
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
 * /api, the OpenAPI document (and its docs page at /docs) and the health check.
 */
export async function buildApp(options: BuildAppOptions) {
  const { deps, database, logStream } = options;
  const env = { ...apiEnvDefaults, ...options.env };
  const app = Fastify({
    logger: {
      level: env.LOG_LEVEL,
      redact: REDACTED_PATHS,
      ...(logStream === undefined ? {} : { stream: logStream }),
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: env.BODY_LIMIT_BYTES,
    // A tRPC batch names its procedures in one path parameter; batchGuard bounds the count.
    routerOptions: { maxParamLength: 1024 },
    ...serverLimitOptions(env),
  });
  const limiter = registerRateLimits(app, {
    store: options.rateLimitStore ?? memoryRateLimitStore(),
    windowMs: env.RATE_LIMIT_WINDOW_MS,
    addressMax: env.RATE_LIMIT_MAX,
    accountMax: env.RATE_LIMIT_ACCOUNT_MAX,
  });
  const createContext = createContextFactory(deps, limiter);
  connectionDrain(app);

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
    const failure = requestFailure(error);
    if (!failure.expected) {
      request.log.error({ err: error, reference: request.id }, "unexpected failure");
    }
    return request.url.startsWith(`${TRPC_PREFIX}/`)
      ? sendTrpcFailure(request, reply, failure)
      : sendFailure(reply, failure);
  });

  app.setNotFoundHandler((_request, reply) =>
    sendFailure(reply, { code: "not_found", expected: true }),
  );

  app.addHook("onRequest", batchGuard(passwordHashingProcedures(appRouter)));
  await app.register(fastifyTRPCPlugin, {
    prefix: TRPC_PREFIX,
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }: { req: Parameters<typeof createContext>[0] }) => createContext(req),
    },
  });

  await app.register(legacyRestPlugin, { router: appRouter, createContext });

  const openApiDocument = buildOpenApiDocument(appRouter);
  app.get("/openapi.json", async (request) => withServer(openApiDocument, requestOrigin(request)));
  await app.register(docsPlugin, { document: openApiDocument });

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
