import type { Server } from "node:http";
import type { FastifyHttpOptions } from "fastify";
import type { ApiEnv } from "../env.js";
import { clientErrorHandler } from "./client-error.js";

/** The settings that shape the HTTP server itself. */
export type ServerLimitSettings = Pick<
  ApiEnv,
  | "TRUST_PROXY"
  | "REQUEST_TIMEOUT_MS"
  | "HEADERS_TIMEOUT_MS"
  | "CONNECTION_TIMEOUT_MS"
  | "KEEP_ALIVE_TIMEOUT_MS"
  | "MAX_HEADER_SIZE_BYTES"
>;

/** Node checks request and header deadlines on a timer; this often (at most every 30 s). */
function checkingInterval(headersTimeoutMs: number): number {
  return Math.max(50, Math.min(30_000, Math.ceil(headersTimeoutMs / 4)));
}

/**
 * Fastify and Node server options from the settings: who may set `X-Forwarded-For`, and the
 * deadlines and header size that stop slow or huge requests from holding sockets. A client
 * still sending headers after `HEADERS_TIMEOUT_MS` gets 408 `request_timeout` and is
 * disconnected; headers over `MAX_HEADER_SIZE_BYTES` get 431 `headers_too_large`.
 * @see https://nodejs.org/docs/latest-v20.x/api/http.html#httpcreateserveroptions-requestlistener
 */
export function serverLimitOptions(settings: ServerLimitSettings): FastifyHttpOptions<Server> {
  return {
    trustProxy: settings.TRUST_PROXY.length === 0 ? false : settings.TRUST_PROXY,
    requestTimeout: settings.REQUEST_TIMEOUT_MS,
    connectionTimeout: settings.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: settings.KEEP_ALIVE_TIMEOUT_MS,
    clientErrorHandler,
    http: {
      maxHeaderSize: settings.MAX_HEADER_SIZE_BYTES,
      headersTimeout: settings.HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: checkingInterval(settings.HEADERS_TIMEOUT_MS),
    },
  };
}
