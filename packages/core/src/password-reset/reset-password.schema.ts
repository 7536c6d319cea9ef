import { z } from "zod";
import { codePointLength, pythonStrip } from "../text/python-text.js";
import { PASSWORD_MIN_LENGTH } from "../users/create-user.schema.js";
import { bodyObject, requiredString } from "../validation/fields.js";
import { isHashablePassword, isStorableText } from "../validation/text-characters.js";

/**
 * The reset page's body: `emailId` and `token` from the emailed link, and the new `password`.
 * Absent keys are `missing_fields: emailId, token, password` (in that order), then sign-up's
 * character rules (`invalid_characters: emailId` for a control character or an unpaired
 * surrogate in the trimmed email, `invalid_characters: password` for NUL or an unpaired surrogate
 * in the password), then its password length rule; whether the token is good is the use case's
 * question (any token that does not work, whatever its characters, is `invalid_or_expired_token`).
 * @see docs/legacy-rest-contract.md (POST /api/user/v1/reset-password/reset/)
 */
export const resetPasswordInput = bodyObject({
  emailId: requiredString("missing_fields")
    .transform((value) => pythonStrip(value).toLowerCase())
    .meta({ description: "The emailId of the link; trimmed and lowercased." }),
  token: requiredString("missing_fields").meta({ description: "The token of the link." }),
  password: requiredString("missing_fields").meta({
    description: `The new password: at least ${PASSWORD_MIN_LENGTH} characters; never trimmed.`,
    // Describes the limit in the OpenAPI document; the superRefine below enforces it.
    minLength: PASSWORD_MIN_LENGTH,
  }),
})
  .superRefine(({ emailId, password }, ctx) => {
    const fail = (message: string, field: string) =>
      ctx.addIssue({ code: "custom", message, path: [field] });
    if (!isStorableText(emailId)) return fail("invalid_characters", "emailId");
    if (!isHashablePassword(password)) return fail("invalid_characters", "password");
    if (codePointLength(password) < PASSWORD_MIN_LENGTH) fail("password_too_short", "password");
  })
  .transform(({ emailId, token, password }) => ({ email: emailId, token, password }));

export type ResetPasswordInput = z.output<typeof resetPasswordInput>;

/** The legacy answer carries no body (`response_body: null`). */
export const resetPasswordOutput = z.null();
