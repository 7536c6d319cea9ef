import {
  type AppRouter,
  earlyInputCheck,
  failureReply,
  type LegacyReply,
  type LegacyRoute,
  legacyInput,
  legacyRoutes,
  legacyRouteTable,
  successReply,
  toAppFailure,
  withoutTrailingSlash,
} from "@otas/api";
import type { AnyProcedure } from "@trpc/server";
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import type { ContextOptions, CreateContext } from "../trpc/create-context.js";
import { parseLenientJson } from "./lenient-json.js";
import { procedureCall } from "./procedure-call.js";
import { sendFailure } from "./send-failure.js";

export interface LegacyRestOptions {
  router: AppRouter;
  createContext: CreateContext;
}

/** Methods a legacy path refuses with 405 when it does not answer them (OPTIONS is CORS's). */
const REFUSABLE_METHODS: readonly HTTPMethods[] = [
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "TRACE",
];

/** The procedure at `path` (e.g. `user.create`). */
function procedureAt(router: AppRouter, path: string): AnyProcedure {
  // At run time `_def.procedures` is flat, keyed by full path (its type mirrors the nesting).
  const procedures = router._def.procedures as unknown as Record<string, AnyProcedure | undefined>;
  const procedure = procedures[path];
  if (procedure === undefined) throw new Error(`no procedure at ${path}`);
  return procedure;
}

/** The path as called and without its trailing slash: the contract accepts both. */
function bothSpellings(path: string): string[] {
  const bare = withoutTrailingSlash(path);
  return bare === path ? [path, `${path}/`] : [path, bare];
}

function send(reply: FastifyReply, { status, body }: LegacyReply) {
  // Already answered when the request's deadline passed first (see requestDeadline).
  if (reply.sent) return reply;
  return reply.code(status).type("application/json").send(JSON.stringify(body));
}

/**
 * The legacy OTAS REST API: each procedure with a REST path in its meta answers there (and on its
 * aliases) with the contract's envelope. A route calls its procedure directly, its middlewares
 * in tRPC's order (`procedureCall`), so the procedure stays the single source of truth (input
 * schema, token and rate checks, use case) while the request costs no more than a Fastify
 * route. This plugin owns what the contract adds around it: bodies read as JSON whatever their
 * Content-Type, `[]` as `{}`, and 405 envelopes for a known path called with another method.
 */
export async function legacyRestPlugin(app: FastifyInstance, options: LegacyRestOptions) {
  const routes = legacyRoutes(options.router);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    done(null, parseLenientJson(body as string));
  });
  // Fastify refuses a malformed Content-Type (e.g. an empty one) before any parser runs; the body
  // is read as JSON whatever the header says, so the header is settled before parsing.
  app.addHook("onRequest", (request, _reply, done) => {
    if (request.headers["content-type"] !== undefined) {
      request.headers["content-type"] = "application/json";
    }
    done();
  });

  for (const route of routes) registerRoute(app, route, options);

  for (const [path, methods] of legacyRouteTable(routes)) {
    const refused = REFUSABLE_METHODS.filter((method) => !methods.includes(method));
    const allow = methods.join(", ");
    for (const url of bothSpellings(path)) {
      app.route({
        method: refused,
        url,
        handler: (_request, reply) =>
          sendFailure(reply.header("allow", allow), { code: "method_not_allowed", expected: true }),
      });
    }
  }
}

function registerRoute(app: FastifyInstance, route: LegacyRoute, options: LegacyRestOptions) {
  const procedure = procedureAt(options.router, route.procedure);
  const call = procedureCall(procedure, route.procedure);
  const refusalOf = earlyInputCheck(procedure);
  const { legacy } = route;
  const handler =
    (contextOptions: ContextOptions) => async (request: FastifyRequest, reply: FastifyReply) => {
      const input = legacy.ignoresBody ? undefined : legacyInput(request.body);
      const refusal = refusalOf?.(input);
      if (refusal !== undefined) return send(reply, failureReply(refusal, request.id, legacy));
      let answer: LegacyReply;
      try {
        const context = options.createContext(request, contextOptions);
        answer = successReply(legacy, await call(context, input));
      } catch (error) {
        answer = failureReply(toAppFailure(error), request.id, legacy);
      }
      return send(reply, answer);
    };
  const onDocumentedPath = handler({});
  // The aliases are the web frontend's paths: they also take the token where it sends it.
  const onAlias = handler({ tokenHeaders: legacy.aliasTokenHeaders ?? [] });
  for (const url of bothSpellings(route.path)) {
    app.route({ method: route.openapi.method, url, handler: onDocumentedPath, config: { legacy } });
  }
  for (const url of route.aliases.flatMap(bothSpellings)) {
    app.route({ method: route.openapi.method, url, handler: onAlias, config: { legacy } });
  }
}
