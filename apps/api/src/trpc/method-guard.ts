import type { AppRouter } from "@otas/api";
import type { FastifyInstance } from "fastify";

/**
 * Methods Fastify routes to tRPC's `all` route that tRPC's adapter cannot even turn into a fetch
 * `Request` (undici refuses TRACE, as it does CONNECT and TRACK, which Fastify does not route):
 * left to the adapter, each would be a TypeError, answered `server_error` and logged as a bug.
 */
const UNCARRIED_METHODS: ReadonlySet<string> = new Set(["TRACE"]);

/** tRPC's methods per procedure type (its adapter also answers HEAD, with 204). */
const METHOD_OF_TYPE: Partial<Record<string, string>> = { query: "GET", mutation: "POST" };

/** A method the route does not serve: answered 405 `method_not_allowed`, a client's mistake. */
class MethodNotServed extends Error {
  readonly statusCode = 405;
  readonly code = "OTAS_METHOD_NOT_SERVED";
}

/** What `Allow` names for the procedure path of a /trpc URL (tRPC decodes it once more). */
export function allowedMethods(router: AppRouter, path: string | undefined): string {
  const procedures = router._def.procedures as unknown as Record<
    string,
    { _def: { type: string } } | undefined
  >;
  let type: string | undefined;
  try {
    type = procedures[decodeURIComponent(path ?? "")]?._def.type;
  } catch {
    type = undefined;
  }
  return METHOD_OF_TYPE[type ?? ""] ?? "GET, POST";
}

/**
 * Answers the methods tRPC cannot carry 405 `method_not_allowed` in tRPC's error shape, with
 * `Allow` (the procedure's method, or both of tRPC's for a batch or an unknown path), through the
 * app's error handler, which logs it as a refusal at info level.
 */
export function refuseUnservedMethods(scope: FastifyInstance, router: AppRouter): void {
  scope.addHook("onRequest", (request, reply, done) => {
    if (!UNCARRIED_METHODS.has(request.method)) return done();
    const { path } = request.params as { path?: string };
    reply.header("allow", allowedMethods(router, path));
    done(new MethodNotServed(`${request.method} is not served under /trpc`));
  });
}
