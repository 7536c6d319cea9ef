import cors from "@fastify/cors";
import { LEGACY_TOKEN_HEADER, TOKEN_HEADER } from "@otas/api";
import type { FastifyInstance } from "fastify";

/** A preflight without the headers every browser sends with one: answered 400 `bad_request`. */
class NotAPreflight extends Error {
  readonly statusCode = 400;
  readonly code = "OTAS_INVALID_PREFLIGHT";
}

/**
 * The request headers tRPC's own HTTP links send beside Content-Type: `httpBatchStreamLink` asks
 * for a streamed answer with `trpc-accept: application/jsonl` (read in @trpc/client's
 * `httpBatchStreamLink` and `fetchHTTPResponse`); `httpLink` and `httpBatchLink` send only
 * Content-Type. Without it in a preflight answer, the streaming link fails cross-origin.
 */
const TRPC_LINK_HEADERS = ["trpc-accept"];

/**
 * CORS for browsers calling from other origins: `origins` (`*` for any), the request headers
 * clients send (the token header, the web frontend's `USER_TOKEN`, Content-Type and the headers
 * of tRPC's links), and `X-Request-Id` readable by scripts.
 * Preflight `OPTIONS` is answered for every path. An `OPTIONS` request without `Origin` and
 * `Access-Control-Request-Method` is no preflight: it is refused 400 `bad_request` like any other
 * bad request (the envelope, or tRPC's shape under /trpc), not with the CORS plugin's text.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]) {
  // Runs before the CORS plugin's own hook, which would answer such a request in text/plain.
  app.addHook("onRequest", (request, _reply, done) => {
    const { origin, "access-control-request-method": method } = request.headers;
    if (request.method !== "OPTIONS" || (origin && method)) return done();
    done(new NotAPreflight("an OPTIONS request without Origin and Access-Control-Request-Method"));
  });
  await app.register(cors, {
    origin: origins.includes("*") ? "*" : [...origins],
    methods: ["GET", "POST", "PUT", "OPTIONS"],
    allowedHeaders: [
      "Content-Type",
      TOKEN_HEADER.toUpperCase(),
      LEGACY_TOKEN_HEADER.toUpperCase(),
      ...TRPC_LINK_HEADERS,
    ],
    exposedHeaders: ["X-Request-Id"],
    maxAge: 600,
  });
}
