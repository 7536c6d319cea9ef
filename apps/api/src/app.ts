import { randomUUID } from "node:crypto";
import { appRouter, buildOpenApiDocument } from "@otas/api";
import type { Database, UserDeps } from "@otas/core";
import Fastify from "fastify";
import { type ApiEnv, apiEnvDefaults } from "./env.js";
import { answerFrameworkError, registerErrorHandlers } from "./errors/error-handlers.js";
import { registerCors } from "./http/cors.js";
import { ignoreUnknownExpectations } from "./http/expectations.js";
import { registerHealthCheck } from "./http/health.js";
import { OneLinePerRequest } from "./http/log-controller.js";
import { loggerOptions } from "./http/logger-options.js";
import { registerNoStore } from "./http/no-store.js";
import { legacyRestPlugin } from "./legacy/legacy-plugin.js";
import { connectionDrain } from "./lifecycle/drain-connections.js";
import { capConnections } from "./limits/connection-cap.js";
import { registerRateLimits } from "./limits/rate-limit.js";
import { memoryRateLimitStore, type RateLimitStore } from "./limits/rate-limit-store.js";
import { requestDeadline } from "./limits/request-deadline.js";
import { type ServerLimitSettings, serverLimitOptions } from "./limits/server-options.js";
import { type MailEnv, passwordRecoveryFromEnv } from "./mail/password-recovery-setup.js";
import { recordRequestMetrics } from "./metrics/request-metrics.js";
import type { ServiceMetrics } from "./metrics/service-metrics.js";
import { docsPlugin } from "./openapi/docs-plugin.js";
import { createContextFactory } from "./trpc/create-context.js";
import { registerTrpc } from "./trpc/trpc-plugin.js";

export interface BuildAppOptions {
  env: Pick<ApiEnv, "LOG_LEVEL" | "CORS_ORIGINS" | "BODY_LIMIT_BYTES"> &
    Partial<
      ServerLimitSettings &
        MailEnv &
        Pick<
          ApiEnv,
          | "RATE_LIMIT_MAX"
          | "RATE_LIMIT_ACCOUNT_MAX"
          | "RATE_LIMIT_WINDOW_MS"
          | "PUBLIC_URL"
          | "MAX_CONNECTIONS"
          | "RATE_LIMIT_RESET_MAIL_MAX"
          | "RATE_LIMIT_RESET_MAIL_WINDOW_MS"
          | "REQUEST_DEADLINE_MS"
          | "HEALTH_TIMEOUT_MS"
        >
    >;
  deps: UserDeps;
  database: Pick<Database, "ping">;
  /** Where log lines go instead of stdout (tests capture them this way). */
  logStream?: { write(line: string): void };
  /** Where rate-limit counters live (see `postgresRateLimitStore`); this process's memory when absent. */
  rateLimitStore?: RateLimitStore | undefined;
  /** Records requests, failures and refusals when given (see `createServiceMetrics`). */
  metrics?: ServiceMetrics | undefined;
  /** The cluster worker this app runs in: every log line names it. */
  workerId?: number;
}

/**
 * Builds the Fastify application (it does not listen): tRPC at /trpc, the legacy REST API under
 * /api (and the web frontend's paths), the OpenAPI document (and its docs page at /docs), the
 * health check, and password recovery by email, whose outbox poller `app.close()` stops.
 */
export async function buildApp(options: BuildAppOptions) {
  const { deps, database } = options;
  const env = { ...apiEnvDefaults, ...options.env };
  const app = Fastify({
    logger: loggerOptions(env.LOG_LEVEL, options.logStream, options.workerId),
    logController: new OneLinePerRequest(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: env.BODY_LIMIT_BYTES,
    // A tRPC batch names its procedures in one path parameter; guardBatch bounds the count.
    routerOptions: { maxParamLength: 1024 },
    frameworkErrors: answerFrameworkError,
    // Requests arriving while closing get connectionDrain's envelope, not Fastify's bare 503.
    return503OnClosing: false,
    ...serverLimitOptions(env),
  });
  capConnections(app, env.MAX_CONNECTIONS);
  requestDeadline(app, env.REQUEST_DEADLINE_MS);
  ignoreUnknownExpectations(app);
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
  const limiter = registerRateLimits(app, {
    store: options.rateLimitStore ?? memoryRateLimitStore(),
    windowMs: env.RATE_LIMIT_WINDOW_MS,
    addressMax: env.RATE_LIMIT_MAX,
    accountMax: env.RATE_LIMIT_ACCOUNT_MAX,
    accountLimits: {
      password_reset_mail: {
        max: env.RATE_LIMIT_RESET_MAIL_MAX,
        windowMs: env.RATE_LIMIT_RESET_MAIL_WINDOW_MS,
      },
    },
    onRefused: options.metrics?.rateLimitRefused,
  });
  const recovery = passwordRecoveryFromEnv(env, deps, app.log, options.metrics?.resetMails);
  if (recovery !== undefined) {
    options.metrics?.resetMails.watchOutbox(() => recovery.depth());
    // Fastify runs onClose hooks after the server stopped taking requests. The mail being sent
    // is given half the shutdown's time after the drain's two phases (accepting, then serving
    // the open connections: up to SHUTDOWN_DRAIN_MS each); the other half is the margin to close
    // the rest and exit 0 on a busy machine. What waits in the outbox stays there for the next
    // poll of another process, or of this service's next start.
    const waitMs = Math.max(0, (env.SHUTDOWN_TIMEOUT_MS - 2 * env.SHUTDOWN_DRAIN_MS) / 2);
    app.addHook("onClose", () => recovery.close(waitMs));
  }
  if (options.metrics !== undefined) {
    recordRequestMetrics(app, options.metrics);
    options.metrics.countLiveSessionsWith(() => deps.sessions.countLive(deps.now()));
  }
  const createContext = createContextFactory(deps, {
    limiter,
    recovery,
    onUnexpectedFailure: options.metrics?.unexpectedFailure,
    onSignOut: options.metrics?.signedOut,
  });
  // The sessions marked used by the last answers are written before the database closes.
  app.addHook("onClose", () => deps.sessionActivity.flush());
  connectionDrain(app);
  registerNoStore(app);
  // Before CORS, whose catch-all OPTIONS route answers with the handlers set when it is added.
  registerErrorHandlers(app, options.metrics?.unexpectedFailure);
  await registerCors(app, env.CORS_ORIGINS);

  await registerTrpc(app, appRouter, createContext);
  await app.register(legacyRestPlugin, { router: appRouter, createContext });
  await app.register(docsPlugin, {
    loadDocument: () => buildOpenApiDocument(appRouter),
    publicUrl: env.PUBLIC_URL,
  });
  registerHealthCheck(app, database, env.HEALTH_TIMEOUT_MS);
  return app;
}
