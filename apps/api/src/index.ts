export { type AppRouter, type BuildAppOptions, buildApp } from "./app.js";
export { type ApiEnv, apiEnvSchema, loadApiEnv } from "./env.js";
export type { ErrorCode } from "./errors/error-codes.js";
