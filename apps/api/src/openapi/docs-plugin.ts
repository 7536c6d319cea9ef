import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { type OpenApiDocument, withServer } from "@otas/api";
import type { FastifyInstance } from "fastify";

/** Where the docs page is served. */
export const DOCS_PREFIX = "/docs";

/**
 * What the docs page may load and do: its own scripts (no inline script, no eval), its own
 * styles plus the inline ones Swagger UI applies as it renders, images and fonts from itself
 * and data: URLs (its icons), requests back to this server or to `publicUrl` ("Try it out"), no
 * plugins, and no framing by other pages (clickjacking a "Try it out" that sends a password).
 * The browser test of /docs fails on any violation, so an upgrade of Swagger UI that needs more
 * shows up there.
 */
function docsContentSecurityPolicy(publicUrl: string | undefined): string {
  const api = publicUrl === undefined ? "" : ` ${new URL(publicUrl).origin}`;
  return [
    "default-src 'none'",
    "base-uri 'none'",
    `connect-src 'self'${api}`,
    "font-src 'self' data:",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
  ].join("; ");
}

/**
 * The OpenAPI document at `/openapi.json` and the interactive docs page (Swagger UI) at `/docs`,
 * which shows it as given: `@fastify/swagger` in static mode, since the document comes from the
 * procedures and not from Fastify's routes. Its server is `publicUrl` (`PUBLIC_URL`), or `/`
 * (wherever the page was loaded from) without one, so the same answer is right for everyone and
 * nothing a client sends can point "Try it out" elsewhere. Every answer here carries a
 * Content-Security-Policy and refuses framing. The document is made on the first request here
 * (`loadDocument`), not at start-up: most processes never serve it, and making it loads the
 * generator (some 8 MB of heap).
 */
export async function docsPlugin(
  app: FastifyInstance,
  options: { loadDocument: () => Promise<OpenApiDocument>; publicUrl?: string | undefined },
) {
  // The object both routes serve (@fastify/swagger keeps a reference), filled in once.
  const document = {} as OpenApiDocument;
  let loaded: Promise<void> | undefined;
  app.addHook("onRequest", async () => {
    loaded ??= options.loadDocument().then(
      (generated) => {
        Object.assign(document, withServer(generated, options.publicUrl));
      },
      (error: unknown) => {
        loaded = undefined;
        throw error;
      },
    );
    await loaded;
  });
  const csp = docsContentSecurityPolicy(options.publicUrl);
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.header("content-security-policy", csp);
    reply.header("x-frame-options", "DENY");
    reply.header("x-content-type-options", "nosniff");
    done(null, payload);
  });
  app.get("/openapi.json", async () => document);
  await app.register(swagger, {
    mode: "static",
    // @fastify/swagger types its static document as OpenAPI 3.0; it serves any version as is.
    specification: { document: document as never },
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, displayRequestDuration: true, tryItOutEnabled: true },
  });
}
