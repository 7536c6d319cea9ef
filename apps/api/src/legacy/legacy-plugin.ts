import {
  type Context,
  LEGACY_PREFIX,
  legacyRouteTable,
  type RestExchange,
  withoutTrailingSlash,
} from "@otas/api";
import type { AnyRouter } from "@trpc/server";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { fastifyTRPCOpenApiPlugin } from "trpc-to-openapi";
import { sendFailure } from "./send-failure.js";

declare module "fastify" {
  interface FastifyRequest {
    legacyExchange: RestExchange | null;
  }
}

export interface LegacyRestOptions {
  router: AnyRouter;
  createContext: (request: FastifyRequest, rest: RestExchange) => Context;
}

/** Parses JSON whatever the Content-Type says; an empty or malformed body becomes `undefined`. */
function parseLenientJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The legacy OTAS REST API: the procedures' OpenAPI routes served by trpc-to-openapi, with the
 * contract's envelope. This plugin owns what the adapter does not: lenient JSON bodies, 404 and
 * 405 envelopes, and replacing the adapter's bodies with the envelope recorded by the
 * procedure boundary.
 */
export async function legacyRestPlugin(app: FastifyInstance, options: LegacyRestOptions) {
  const routes = legacyRouteTable(options.router);

  app.decorateRequest("legacyExchange", null);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    done(null, parseLenientJson(body as string));
  });

  app.addHook("onRequest", async (request, reply) => {
    const path = withoutTrailingSlash(request.url.split("?", 1)[0] ?? "");
    const methods = routes.get(path);
    if (methods === undefined) return sendFailure(reply, { code: "not_found", expected: true });
    if (!methods.includes(request.method)) {
      reply.header("allow", methods.join(", "));
      return sendFailure(reply, { code: "method_not_allowed", expected: true });
    }
    // Fastify refuses a malformed Content-Type (e.g. empty) before any parser runs; the body is
    // read as JSON whatever the header says, so the header is replaced before parsing.
    if (request.headers["content-type"] !== undefined) {
      request.headers["content-type"] = "application/json";
    }
  });

  // The adapter only reads JSON bodies; the body is already parsed, whatever it was sent as.
  app.addHook("preHandler", async (request) => {
    request.headers["content-type"] = "application/json";
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const answer = request.legacyExchange?.reply;
    if (answer === undefined) return payload;
    reply.code(answer.status).type("application/json");
    return JSON.stringify(answer.body);
  });

  // The adapter's handler is async and sends with `reply.send` without returning `reply`. When
  // onSend hooks take more than a tick (two async ones do), Fastify sees the handler resolve
  // before the reply is written and sends again: ERR_HTTP_HEADERS_SENT, logged as a 500.
  // Returning `reply` tells Fastify the handler has sent it.
  app.addHook("onRoute", (route) => {
    const handler = route.handler;
    route.handler = async function sentByAdapter(request, reply) {
      await handler.call(this, request, reply);
      return reply;
    };
  });

  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: LEGACY_PREFIX,
    router: options.router,
    createContext: ({ req }: { req: FastifyRequest }) => {
      const exchange: RestExchange = { body: req.body };
      req.legacyExchange = exchange;
      return options.createContext(req, exchange);
    },
  });
}
