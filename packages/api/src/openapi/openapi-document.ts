import type { AnyRouter } from "@trpc/server";
import type { OpenAPIObject } from "trpc-to-openapi";
import { legacyRoutes, withoutTrailingSlash } from "../legacy/legacy-routes.js";
import { failureResponses, type JsonSchema, successResponse } from "./legacy-responses.js";

/** An OpenAPI 3.1 document. */
export type OpenApiDocument = OpenAPIObject;

/** The name of the security scheme of the protected endpoints. */
const TOKEN_SCHEME = "OtasUserToken";

/**
 * The OpenAPI document of the legacy REST API. trpc-to-openapi generates it from the procedures'
 * zod schemas; it is then corrected to what clients really see, which the adapter cannot
 * describe: the paths as called (with `/api` and the trailing slash), the envelope around every
 * result, the contract's error bodies and codes per endpoint (from the procedures' `legacy`
 * meta), and the token header. `servers` is set by {@link withServer}. The generator is loaded
 * here, when a document is asked for: a server that never serves its docs never loads it (it and
 * its dependencies take some 8 MB of heap).
 */
export async function buildOpenApiDocument(router: AnyRouter): Promise<OpenApiDocument> {
  const { generateOpenApiDocument } = await import("trpc-to-openapi");
  const generated = generateOpenApiDocument(router, {
    title: "OTAS user service",
    version: "1.0.0",
    description:
      "The legacy OTAS user REST API. Every answer is JSON in the envelope " +
      "`{status, status_description, response_body}` (login answers under `response`). " +
      "TypeScript clients can call the same procedures over tRPC at /trpc (`@otas/client`).",
    baseUrl: "/",
    securitySchemes: {
      [TOKEN_SCHEME]: {
        type: "apiKey",
        in: "header",
        name: "X-OTAS-USER-TOKEN",
        description: "The jwt_token from create or login, bare (no `Bearer`).",
      },
    },
  });
  const paths: NonNullable<OpenApiDocument["paths"]> = {};
  for (const { openapi, legacy, path } of legacyRoutes(router)) {
    const method = openapi.method.toLowerCase() as Lowercase<typeof openapi.method>;
    const operation = generated.paths?.[withoutTrailingSlash(openapi.path)]?.[method];
    if (operation === undefined) {
      throw new Error(`${openapi.method} ${openapi.path} has no generated operation`);
    }
    const outputSchema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
    paths[path] = {
      ...paths[path],
      [method]: {
        ...operation,
        responses: {
          "200": successResponse(legacy, outputSchema as JsonSchema),
          ...failureResponses(legacy, openapi.protect !== false),
        },
      },
    };
  }
  return { ...generated, paths, components: withoutAdapterErrors(generated.components) };
}

/** The adapter's own error schemas (`error.BAD_REQUEST`...) describe bodies this API never sends. */
function withoutAdapterErrors(components: OpenApiDocument["components"]) {
  const schemas = Object.entries(components?.schemas ?? {}).filter(
    ([name]) => !name.startsWith("error."),
  );
  return { ...components, schemas: Object.fromEntries(schemas) };
}

/**
 * `document` served from `publicUrl` (scheme, host, port and any path prefix; the paths carry
 * `/api`), or without one from `/`: the origin the document itself was fetched from. Never from
 * a request's Host header, which any client can set and a shared cache would then serve to
 * others, sending their "Try it out" passwords elsewhere.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object (servers: "/" is the default)
 */
export function withServer(
  document: OpenApiDocument,
  publicUrl: string | undefined,
): OpenApiDocument {
  return { ...document, servers: [{ url: publicUrl ?? "/" }] };
}
