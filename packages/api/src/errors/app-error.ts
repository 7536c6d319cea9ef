import {
  DomainError,
  type DomainErrorReason,
  domainErrorFromIssues,
  isTimeLimitFailure,
} from "@otas/core";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { type ErrorCode, errorCodes } from "./error-codes.js";

/** A failure as clients see it: a code, optional detail, and whether it was expected. */
export interface AppFailure {
  code: ErrorCode;
  detail?: string;
  /** False for bugs and outages: the client then only gets `server_error: <reference>`. */
  expected: boolean;
  /** Why, for the log only (e.g. which check a token failed). */
  logReason?: string;
  /** The input fields it is about (tRPC's `data.fields`; the legacy envelope has only `detail`). */
  fields?: readonly string[];
  /** A refinement for typed clients, e.g. an expired token (never on the legacy envelope). */
  reason?: DomainErrorReason;
  /**
   * A `server_error` because a dependency did not answer in time (or at all): the database,
   * Redis, or the request's own deadline. tRPC answers it 503 (SERVICE_UNAVAILABLE); the legacy
   * envelope keeps the contract's `server_error` status.
   */
  unavailable?: true;
}

/** The tRPC code `failure` is answered with. */
export function trpcCodeOf(failure: AppFailure) {
  return failure.unavailable ? "SERVICE_UNAVAILABLE" : errorCodes[failure.code].trpc;
}

/** An error the API raises itself (outside the use cases) with a client-facing code. */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(readonly code: ErrorCode) {
    // Like DomainError: an expected answer, never logged with a stack, so none is captured.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Classifies anything thrown while serving a request. {@link DomainError}s, failed input parses,
 * {@link TransportError}s and tRPC's own refusals of a request are expected; everything else is
 * a `server_error`, marked `unavailable` when a time limit or an unreachable database caused it.
 */
export function toAppFailure(error: unknown): AppFailure {
  const cause = error instanceof TRPCError && error.cause !== undefined ? error.cause : error;
  if (cause instanceof DomainError) {
    return {
      code: cause.code,
      expected: true,
      ...(cause.detail === undefined ? {} : { detail: cause.detail }),
      ...(cause.logReason === undefined ? {} : { logReason: cause.logReason }),
      ...(cause.fields.length === 0 ? {} : { fields: cause.fields }),
      ...(cause.reason === undefined ? {} : { reason: cause.reason }),
    };
  }
  if (cause instanceof ZodError) return toAppFailure(domainErrorFromIssues(cause.issues));
  if (cause instanceof TransportError) return { code: cause.code, expected: true };
  const refusal = error instanceof TRPCError ? trpcRefusal(error) : undefined;
  if (refusal !== undefined) return { code: refusal, expected: true };
  if (isTimeLimitFailure(cause))
    return { code: "server_error", expected: false, unavailable: true };
  return { code: "server_error", expected: false };
}

/**
 * The code of a request tRPC itself refused before or while reading it: an unknown procedure, a
 * method or media type the procedure does not take, a body that is not JSON (its parser's message
 * quotes the body, so it must never be shown or logged), a batch or input of the wrong shape.
 * These are the client's mistakes, not failures of the service.
 */
function trpcRefusal(error: TRPCError): ErrorCode | undefined {
  switch (error.code) {
    case "PARSE_ERROR":
      return "invalid_json";
    case "BAD_REQUEST":
      // tRPC wraps whatever failed while reading the input (JSON.parse's SyntaxError included).
      return error.cause instanceof SyntaxError ? "invalid_json" : "invalid_body";
    case "UNSUPPORTED_MEDIA_TYPE":
      return "invalid_body";
    case "NOT_FOUND":
      return "not_found";
    case "METHOD_NOT_SUPPORTED":
      return "method_not_allowed";
    case "PAYLOAD_TOO_LARGE":
      return "payload_too_large";
    default:
      return undefined;
  }
}

/**
 * The TRPCError that carries `failure` with the status its code maps to. It has no stack of its
 * own: an unexpected failure's stack is its cause's, which is what gets logged.
 */
export function toTRPCError(failure: AppFailure, cause: unknown): TRPCError {
  const message =
    failure.detail === undefined ? failure.code : `${failure.code}: ${failure.detail}`;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new TRPCError({ code: trpcCodeOf(failure), message, cause });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
