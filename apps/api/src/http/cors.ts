import cors from "@fastify/cors";
import { LEGACY_TOKEN_HEADER, TOKEN_HEADER } from "@otas/api";
import type { FastifyInstance } from "fastify";

/**
 * CORS for browsers calling from other origins: `origins` (`*` for any), the request headers
 * clients send (the token header, the web frontend's `USER_TOKEN`, and Content-Type), and
 * `X-Request-Id` readable by scripts.
 * Preflight `OPTIONS` is answered for every path.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]) {
  await app.register(cors, {
    origin: origins.includes("*") ? "*" : [...origins],
    methods: ["GET", "POST", "PUT", "OPTIONS"],
    allowedHeaders: ["Content-Type", TOKEN_HEADER.toUpperCase(), LEGACY_TOKEN_HEADER.toUpperCase()],
    exposedHeaders: ["X-Request-Id"],
    maxAge: 600,
  });
}
