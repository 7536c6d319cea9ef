import type { AppFailure } from "../errors/app-error.js";
import type { ErrorCode } from "../errors/error-codes.js";
import { failureReply, type LegacyReply, successReply } from "../legacy/envelope.js";
import type { LegacyMeta } from "../meta.js";

/** A JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** An OpenAPI response object, as this module writes them. */
export interface ResponseDoc {
  description: string;
  content: {
    "application/json": {
      schema: JsonSchema;
      examples?: Record<string, { summary: string; value: unknown }>;
    };
  };
}

/** The codes of the token check protected procedures run before anything else. */
const TOKEN_CODES: readonly ErrorCode[] = ["missing_token", "invalid_token"];

/** Raised by Fastify before any procedure runs, so always in the plain envelope. */
const TRANSPORT_CODES: readonly ErrorCode[] = ["payload_too_large"];

/** Example details for the codes whose `status_description` carries one. */
const EXAMPLE_DETAILS: Partial<Record<ErrorCode, string>> = {
  missing_fields: "email, password",
  invalid_field_type: "<field>",
  invalid_characters: "<field>",
  field_too_long: "<field>",
};

/** What an unexpected failure shows instead of its cause: the request id of its log line. */
const EXAMPLE_REFERENCE = "5f0c2a8e-3b7d-4e51-9a64-1d2e3f405162";

/**
 * The success envelope around the procedure's output schema, built by the same function that
 * answers real calls so the document cannot drift from it.
 */
export function successResponse(legacy: LegacyMeta, outputSchema: JsonSchema): ResponseDoc {
  // The real envelope with the output schema in the result's place (`response_body`, or login's
  // `response`), then the constants as schemas.
  const { body } = successReply(legacy, outputSchema);
  const properties = {
    ...body,
    status: { const: 1 },
    status_description: { const: legacy.successCode },
  };
  return {
    description: `Success: \`${legacy.successCode}\`.`,
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties,
          required: Object.keys(properties),
          additionalProperties: false,
        },
      },
    },
  };
}

/**
 * Every code an endpoint can fail with: the token codes when it is protected, its declared
 * codes (or login's single code), and those every endpoint shares.
 */
export function endpointErrorCodes(legacy: LegacyMeta, isProtected: boolean): ErrorCode[] {
  const own = [...(legacy.failureCode ? [legacy.failureCode] : []), ...(legacy.errors ?? [])];
  return [...(isProtected ? TOKEN_CODES : []), ...own, ...TRANSPORT_CODES, "server_error"];
}

/** The reply a failure with `code` gets on this endpoint, from the envelope code itself. */
function exampleReply(code: ErrorCode, legacy: LegacyMeta): LegacyReply {
  const detail = EXAMPLE_DETAILS[code];
  const failure: AppFailure =
    code === "server_error"
      ? { code, expected: false }
      : { code, expected: true, ...(detail === undefined ? {} : { detail }) };
  const meta = TRANSPORT_CODES.includes(code) ? undefined : legacy;
  return failureReply(failure, EXAMPLE_REFERENCE, meta);
}

/** The error responses of an endpoint, one per HTTP status, with an example per code. */
export function failureResponses(
  legacy: LegacyMeta,
  isProtected: boolean,
): Record<string, ResponseDoc> {
  const byStatus = new Map<number, { code: ErrorCode; reply: LegacyReply }[]>();
  for (const code of endpointErrorCodes(legacy, isProtected)) {
    const reply = exampleReply(code, legacy);
    byStatus.set(reply.status, [...(byStatus.get(reply.status) ?? []), { code, reply }]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, failures]) => [String(status), failureResponse(failures)]),
  );
}

function failureResponse(failures: { code: ErrorCode; reply: LegacyReply }[]): ResponseDoc {
  const descriptions = failures.map(({ reply }) => String(reply.body.status_description));
  const enveloped = failures.every(({ reply }) => "response_body" in reply.body);
  const codes = failures.map(({ code }, index) =>
    descriptions[index] === code ? `\`${code}\`` : `\`${code}: …\``,
  );
  return {
    description: `Failure: ${codes.join(", ")}.`,
    content: {
      "application/json": {
        schema: enveloped
          ? envelopeSchema(failures.map(({ code }) => code))
          : bareSchema([...new Set(descriptions)]),
        examples: Object.fromEntries(
          failures.map(({ code, reply }) => [code, { summary: code, value: reply.body }]),
        ),
      },
    },
  };
}

/** `{status: 0, status_description: "<code>[: detail]", response_body: null}`. */
function envelopeSchema(codes: ErrorCode[]): JsonSchema {
  return {
    type: "object",
    properties: {
      status: { const: 0 },
      status_description: {
        type: "string",
        pattern: `^(${codes.join("|")})(: .+)?$`,
        description: `One of ${codes.join(", ")}; optionally followed by ": <detail>".`,
      },
      response_body: { type: "null" },
    },
    required: ["status", "status_description", "response_body"],
    additionalProperties: false,
  };
}

/** Login's bare failure: `{status: 0, status_description}` with no `response_body`. */
function bareSchema(descriptions: string[]): JsonSchema {
  return {
    type: "object",
    properties: { status: { const: 0 }, status_description: { enum: descriptions } },
    required: ["status", "status_description"],
    additionalProperties: false,
  };
}
