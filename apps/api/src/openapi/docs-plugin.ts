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
 * The OpenAPI document at `/openapi.json` and the interactive docs page (Swagger UI) at `/docs`,
 * which shows it as given: `@fastify/swagger` in static mode, since the document comes from the
 * procedures and not from Fastify's routes. Its server is this request's origin, so "try it"
 * requests hit this server.
 */
export async function docsPlugin(app: FastifyInstance, options: { document: OpenApiDocument }) {
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
