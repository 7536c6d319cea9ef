import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { request } from "./http.js";

/** The parts of the OpenAPI document the tests read. */
export interface OpenApiDoc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

export interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: { "application/json": { schema: JsonSchemaObject } } };
  responses: Record<
    string,
    { description: string; content: { "application/json": { schema: JsonSchemaObject } } }
  >;
}

export interface JsonSchemaObject {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
  [keyword: string]: unknown;
}

/** Fetches the document a running server serves. */
export async function fetchOpenApiDocument(baseUrl: string): Promise<OpenApiDoc> {
  const res = await request(`${baseUrl}/openapi.json`, { method: "GET" });
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  return res.json as OpenApiDoc;
}

/** A JSON Pointer token (RFC 6901). */
const pointer = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Checks bodies against the document's response schemas (JSON Schema 2020-12, as OpenAPI 3.1
 * uses), resolving `$ref`s inside the document. Answers the errors, or `null` when valid.
 */
export function responseChecker(doc: OpenApiDoc) {
  // The document is not a schema itself; strict mode would reject its OpenAPI keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, "openapi.json");
  return (path: string, method: string, status: number, body: unknown) => {
    const ref = ["#", "paths", path, method, "responses", String(status), "content"]
      .concat(["application/json", "schema"])
      .map((token, index) => (index === 0 ? token : pointer(token)))
      .join("/");
    const validate = ajv.getSchema(`openapi.json${ref}`);
    if (validate === undefined) return [`no schema at ${ref}`];
    return validate(body) ? null : (validate.errors ?? []);
  };
}
