import type { z } from "zod";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../validation/domain-error-from-issues.js";

/**
 * The contract message (`missing_fields: a, b`, `invalid_email_format`, …) with which `schema`
 * refuses `body`; throws when the body parses or fails any other way.
 */
export function parseRefusal(schema: z.ZodType, body: unknown): string {
  try {
    parseInput(schema, body);
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error("expected the parse to fail");
}
