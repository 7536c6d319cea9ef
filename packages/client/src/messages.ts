import { isOtasError } from "./errors.js";
import type { OtasErrorCode } from "./types.js";

/**
 * An English message for every code, to show a person. The codes a form field can cause read as
 * a field's message ("This field is required."): show them beside the fields the error names
 * (`otasErrorFields`), the others above the form. Typed as a record of every code, so a code
 * the API adds fails this package's build until it has a message.
 */
export const otasErrorMessages: Readonly<Record<OtasErrorCode, string>> = {
  missing_fields: "This field is required.",
  missing_required_fields: "This field is required.",
  missing_password: "Enter a password.",
  invalid_json: "The request could not be read. Please try again.",
  invalid_body: "The request could not be read. Please try again.",
  invalid_field_type: "This value is of the wrong kind.",
  invalid_characters: "This contains characters that are not allowed.",
  invalid_email_format: "Enter an email address, like name@example.com.",
  password_too_short: "Use at least 6 characters.",
  field_too_long: "This is too long.",
  user_already_exists: "An account with this email already exists.",
  login_failed: "The email or password is incorrect.",
  invalid_token: "Your session has ended. Please sign in again.",
  invalid_or_expired_token: "This link is invalid or has expired. Ask for a new one.",
  session_not_found: "This session has already ended.",
  missing_token: "Please sign in first.",
  not_found: "This is not available on this server.",
  method_not_allowed: "The request could not be processed.",
  payload_too_large: "What you sent is too large.",
  rate_limited: "Too many attempts. Please wait a minute and try again.",
  batch_not_allowed: "The request could not be processed.",
  request_timeout: "The request took too long. Please try again.",
  headers_too_large: "The request could not be processed.",
  bad_request: "The request could not be processed.",
  service_unavailable: "The service is restarting. Please try again.",
  server_error: "Something went wrong on our side. Please try again later.",
};

/** What to show when the service could not be reached or did not answer as the API does. */
export const OTAS_UNREACHABLE_MESSAGE =
  "The service could not be reached. Check your connection and try again.";

/**
 * The message to show a person for `error`: the message of its code, or
 * {@link OTAS_UNREACHABLE_MESSAGE} when it did not come from the API.
 */
export function otasErrorMessage(error: unknown): string {
  if (!isOtasError(error)) return OTAS_UNREACHABLE_MESSAGE;
  // A newer server may answer a code this client does not know yet.
  return otasErrorMessages[error.data.otasCode] ?? otasErrorMessages.server_error;
}
