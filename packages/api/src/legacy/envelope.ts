import type { AppFailure } from "../errors/app-error.js";
import { errorCodes } from "../errors/error-codes.js";
import type { LegacyMeta } from "../meta.js";

/** How a legacy REST call is answered: a status and the envelope. */
export interface LegacyReply {
  status: number;
  body: Record<string, unknown>;
}

/** A legacy body of `[]` means `{}` (the original service treated it so). */
export function legacyInput(body: unknown): unknown {
  return Array.isArray(body) && body.length === 0 ? {} : body;
}

/** `{status: 1, status_description, response_body}` (login: `response`). */
export function successReply(meta: LegacyMeta, result: unknown): LegacyReply {
  return {
    status: 200,
    body: {
      status: 1,
      status_description: meta.successCode,
      [meta.resultKey ?? "response_body"]: result ?? null,
    },
  };
}

/**
 * The error envelope: `status_description` is the code, then `: detail` when there is one;
 * an unexpected failure shows only the opaque `reference` that finds its log line.
 */
export function failureReply(
  failure: AppFailure,
  reference: string,
  meta: LegacyMeta | undefined,
): LegacyReply {
  if (meta?.failureCode !== undefined && failure.expected) {
    return {
      status: failure.code === "rate_limited" ? 429 : errorCodes[meta.failureCode].http,
      body: {
        status: 0,
        status_description: failure.code === "rate_limited" ? "rate_limited" : meta.failureCode,
      },
    };
  }
  const detail = failure.expected ? failure.detail : reference;
  const status =
    failure.code === "server_error"
      ? (meta?.serverErrorStatus ?? errorCodes.server_error.http)
      : errorCodes[failure.code].http;
  return {
    status,
    body: {
      status: 0,
      status_description: detail === undefined ? failure.code : `${failure.code}: ${detail}`,
      response_body: null,
    },
  };
}
