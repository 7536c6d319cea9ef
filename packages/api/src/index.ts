export { type AppRouter, appRouter } from "./app-router.js";
export {
  type Context,
  LEGACY_TOKEN_HEADER,
  type PasswordRecovery,
  type RateLimitBucket,
  type RequestLog,
  type SignOutKind,
  TOKEN_HEADER,
} from "./context.js";
export { earlyInputCheck } from "./early-input-check.js";
export {
  type AppFailure,
  TransportError,
  toAppFailure,
  trpcCodeOf,
} from "./errors/app-error.js";
export {
  type ErrorCode,
  errorCodes,
  type TransportErrorCode,
  trpcHttpStatus,
} from "./errors/error-codes.js";
export { MAX_BATCH_CALLS, passwordHashingProcedures } from "./hashing-procedures.js";
export { createCallerFactory } from "./init.js";
export { failureReply, type LegacyReply, legacyInput, successReply } from "./legacy/envelope.js";
export {
  LEGACY_PREFIX,
  type LegacyRoute,
  type LegacyRouteTable,
  legacyRoutes,
  legacyRouteTable,
  withoutTrailingSlash,
} from "./legacy/legacy-routes.js";
export type { LegacyMeta, Meta } from "./meta.js";
export {
  buildOpenApiDocument,
  type OpenApiDocument,
  withServer,
} from "./openapi/openapi-document.js";
