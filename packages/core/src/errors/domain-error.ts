/**
 * The closed set of failure codes a use case can report. They are the legacy contract's
 * vocabulary (snake_case), so transports can pass them through unchanged.
 * @see docs/legacy-rest-contract.md
 */
export const domainErrorCodes = [
  "missing_fields",
  "missing_required_fields",
  "missing_password",
  "invalid_json",
  "invalid_body",
  "invalid_field_type",
  "invalid_characters",
  "invalid_email_format",
  "password_too_short",
  "field_too_long",
  "user_already_exists",
  "login_failed",
  "invalid_token",
  "invalid_or_expired_token",
  // Ending a session the caller does not have: unknown and another user's alike.
  "session_not_found",
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/**
 * A refinement of a code that the legacy contract has no place for (its answer stays the bare
 * code): `expired` for a token past its `exp`, so a typed client can tell "sign in again" from
 * "this token was never good".
 */
export type DomainErrorReason = "expired";

/** What a failure is about, beyond its code, for clients that can show it (tRPC's error data). */
export interface DomainErrorAbout {
  /** The input fields the failure is about, e.g. `["email", "password"]` (a form marks them). */
  fields?: readonly string[];
  reason?: DomainErrorReason;
}

/**
 * A failure the caller can act on. `detail` is the optional text after the code in the
 * legacy `status_description` (e.g. the field list of `missing_fields`); it never holds
 * internals such as SQL or stack traces.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";

  readonly fields: readonly string[];
  readonly reason: DomainErrorReason | undefined;

  /**
   * @param logReason why, for the operator's log only (e.g. which check a token failed); the
   *   client never sees it.
   * @param about the fields the failure is about and a reason, for typed clients; when `fields`
   *   is absent, a code whose detail names fields (`missing_fields: a, b`) is about those.
   */
  constructor(
    readonly code: DomainErrorCode,
    readonly detail?: string,
    readonly logReason?: string,
    about: DomainErrorAbout = {},
  ) {
    // An expected outcome, answered to the client and never logged with a stack: capturing one
    // would be the most expensive part of refusing a bad request.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail === undefined ? code : `${code}: ${detail}`);
    Error.stackTraceLimit = stackTraceLimit;
    this.fields = about.fields ?? fieldsOfDetail(code, detail);
    this.reason = about.reason;
  }
}

/** The codes whose detail is a comma-separated list of field names. */
const FIELD_LIST_CODES: ReadonlySet<DomainErrorCode> = new Set([
  "missing_fields",
  "invalid_field_type",
  "invalid_characters",
  "field_too_long",
]);

function fieldsOfDetail(code: DomainErrorCode, detail: string | undefined): readonly string[] {
  return FIELD_LIST_CODES.has(code) && detail !== undefined ? detail.split(", ") : [];
}

/** Whether `value` is one of the {@link DomainErrorCode}s. */
export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return (domainErrorCodes as readonly unknown[]).includes(value);
}
