import type { FastifyInstance } from "fastify";

/**
 * `Cache-Control: no-store` on every answer that does not set its own: the API's answers carry a
 * user or a token (create, login, authenticate, `user.me`, edit), and neither a shared cache nor
 * a browser's history may keep one for the next person. Only static files (the docs page's
 * scripts and styles) choose their own caching.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    done(null, payload);
  });
}
