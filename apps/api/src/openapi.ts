import type { AnyRouter } from "@trpc/server";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { LEGACY_PREFIX } from "./legacy/legacy-routes.js";

/** The OpenAPI document of the legacy REST API, generated from the procedures' schemas. */
export function buildOpenApiDocument(router: AnyRouter, baseUrl: string) {
  return generateOpenApiDocument(router, {
    title: "OTAS user service",
    version: "1.0.0",
    description:
      "The legacy OTAS user REST API. TypeScript clients can call the same procedures over tRPC at /trpc.",
    baseUrl: `${baseUrl}${LEGACY_PREFIX}`,
  });
}
