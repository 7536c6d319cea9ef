import { DomainError } from "@otas/core";
import type { AnyProcedure } from "@trpc/server";
import { ZodError } from "zod";
import { type AppFailure, toAppFailure } from "./errors/app-error.js";
import { publicProcedure } from "./init.js";

/** Parses input as tRPC does with a schema that has a synchronous `parse`. */
interface SyncParser {
  parse(input: unknown): unknown;
}

/**
 * For a procedure whose first step is parsing its input — only the boundary every procedure
 * shares runs before it: no token check, no availability check — the refusal it would answer
 * for `input`, found with the same parser, or undefined when the input parses (then the
 * procedure is called as usual and parses it again). Refusing a malformed body this way skips
 * tRPC's middleware chain, which costs a refused request more than the rest of answering it.
 * Only the parser's own refusals are answered here; anything else it throws (an asynchronous
 * schema, a bug) is left to the procedure call. Answers undefined (no early check) for
 * procedures that check anything before their input.
 */
export function earlyInputCheck(
  procedure: AnyProcedure,
): ((input: unknown) => AppFailure | undefined) | undefined {
  // A procedure's definition holds its middlewares at run time; its type leaves them out.
  const { middlewares, inputs } = procedure._def as typeof procedure._def & {
    middlewares: readonly { _type?: string }[];
  };
  const [first, second] = middlewares;
  const boundary = publicProcedure._def.middlewares[0];
  if (first !== boundary || second?._type !== "input" || inputs.length !== 1) return undefined;
  const parser = inputs[0] as Partial<SyncParser>;
  if (typeof parser.parse !== "function") return undefined;
  const parse = parser.parse.bind(parser);
  return (input) => {
    try {
      parse(input);
      return undefined;
    } catch (error) {
      return error instanceof DomainError || error instanceof ZodError
        ? toAppFailure(error)
        : undefined;
    }
  };
}
