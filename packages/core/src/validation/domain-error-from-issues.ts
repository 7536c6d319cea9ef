import type { z } from "zod";
import { DomainError, isDomainErrorCode } from "../errors/domain-error.js";

const FIELD_DETAIL_CODES = new Set(["invalid_field_type", "invalid_characters", "field_too_long"]);

/**
 * Turns the issues of a failed input parse into the one error the contract wants: every
 * absent required field at once (`missing_fields: a, b`, in the schema's key order, which is
 * the contract's), otherwise the first issue, in the order the schema checks them. The error is
 * about the fields the issues name (`fields`), also where the contract's detail does not name
 * them (e.g. `password_too_short`).
 */
export function domainErrorFromIssues(issues: readonly z.core.$ZodIssue[]): DomainError {
  const missing = issues.filter((issue) => issue.message === "missing_fields");
  if (missing.length > 0) {
    return new DomainError("missing_fields", missing.map((issue) => issue.path[0]).join(", "));
  }
  const first = issues[0];
  if (first === undefined || !isDomainErrorCode(first.message)) {
    // Only a schema written without a contract code can get here; say so without internals.
    return new DomainError("invalid_body");
  }
  const field = first.path[0];
  if (typeof field !== "string") return new DomainError(first.message);
  return FIELD_DETAIL_CODES.has(first.message)
    ? new DomainError(first.message, field)
    : new DomainError(first.message, undefined, undefined, { fields: [field] });
}

/** Parses `input` with `schema`, throwing the contract's {@link DomainError} when it fails. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw domainErrorFromIssues(result.error.issues);
  return result.data;
}

/**
 * `schema`, with its `parse` and `parseAsync` throwing the contract's {@link DomainError} (as
 * {@link parseInput}) instead of a ZodError. Callers that parse with them — tRPC parses every
 * procedure's input so — then get the code the transports answer with directly. A ZodError
 * captures its stack twice, and deep in a request's async chain that cost more than the rest of
 * refusing the request. (tRPC takes a `parse` failure without `issues` for a sign that the schema
 * is asynchronous and switches to `parseAsync`: both must agree.)
 */
export function withContractErrors<Schema extends z.ZodType>(schema: Schema): Schema {
  schema.parse = (input: unknown) => parseInput(schema, input);
  schema.parseAsync = async (input: unknown) => parseInput(schema, input);
  return schema;
}
