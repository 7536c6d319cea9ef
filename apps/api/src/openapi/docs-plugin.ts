import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { type OpenApiDocument, withServer } from "@otas/api";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Where the docs page is served. */
export const DOCS_PREFIX = "/docs";

/** The base URL the request reached this server at, so "try it" calls come back here. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * What the docs page may load and do: its own scripts (no inline script, no eval), its own
 * styles plus the inline ones Swagger UI applies as it renders, images and fonts from itself
 * and data: URLs (its icons), requests back to this server ("Try it out"), no plugins, and no
 * framing by other pages (clickjacking a "Try it out" that sends a password). The browser test
 * of /docs fails on any violation, so an upgrade of Swagger UI that needs more shows up there.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "base-uri 'none'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
].join("; ");

/**
 * The OpenAPI document at `/openapi.json` and the interactive docs page (Swagger UI) at `/docs`,
 * which shows it as given: `@fastify/swagger` in static mode, since the document comes from the
 * procedures and not from Fastify's routes. Its server is this request's origin, so "try it"
 * requests hit this server. Every answer here carries {@link DOCS_CSP} and refuses framing.
 */
export async function docsPlugin(app: FastifyInstance, options: { document: OpenApiDocument }) {
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header("content-security-policy", DOCS_CSP);
    reply.header("x-frame-options", "DENY");
    reply.header("x-content-type-options", "nosniff");
    done(null, payload);
  });
  app.get("/openapi.json", async (request) => withServer(options.document, requestOrigin(request)));
  await app.register(swagger, {
    mode: "static",
    // @fastify/swagger types its static document as OpenAPI 3.0; it serves any version as is.
    specification: { document: options.document as never },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, displayRequestDuration: true, tryItOutEnabled: true },
    transformSpecification: (specification, request) =>
      withServer(specification as OpenApiDocument, requestOrigin(request)),
  });
}
