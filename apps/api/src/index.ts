export { type BuildAppOptions, buildApp } from "./app.js";
export { type ApiEnv, apiEnvSchema, loadApiEnv } from "./env.js";
