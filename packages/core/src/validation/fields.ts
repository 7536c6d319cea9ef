import { z } from "zod";
import type { DomainErrorCode } from "../errors/domain-error.js";

/**
 * Input schemas report contract codes as their issue messages, so one translation
 * ({@link domainErrorFromIssues}) turns any failed parse into the right {@link DomainError},
 * whichever transport ran the parse.
 */

/** A required JSON string: absent reports `missingCode`, another JSON type `invalid_field_type`. */
export function requiredString(missingCode: DomainErrorCode) {
  return z.string({
    error: (issue) => (issue.input === undefined ? missingCode : "invalid_field_type"),
  });
}

/** An optional JSON string, where `null` means "not given". */
export function optionalString() {
  return z.string({ error: "invalid_field_type" }).nullable().optional();
}

/**
 * An object body. No body at all (`undefined`: empty or not JSON) is `invalid_json`; any other
 * JSON value (null, a number, a string, an array) is `invalid_body`.
 */
export function bodyObject<const Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape, {
    error: (issue) => (issue.input === undefined ? "invalid_json" : "invalid_body"),
  });
}
