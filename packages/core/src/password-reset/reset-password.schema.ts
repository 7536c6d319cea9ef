import { z } from "zod";
import { codePointLength, pythonStrip } from "../text/python-text.js";
import { PASSWORD_MIN_LENGTH } from "../users/create-user.schema.js";
import { bodyObject, requiredString } from "../validation/fields.js";

/**
 * The reset page's body: `emailId` and `token` from the emailed link, and the new `password`.
 * Absent keys are `missing_fields: emailId, token, password` (in that order), then the password
 * length rule of sign-up; whether the token is good is the use case's question.
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
  .superRefine(({ password }, ctx) => {
    if (codePointLength(password) < PASSWORD_MIN_LENGTH) {
      ctx.addIssue({ code: "custom", message: "password_too_short", path: ["password"] });
    }
  })
  .transform(({ emailId, token, password }) => ({ email: emailId, token, password }));

export type ResetPasswordInput = z.output<typeof resetPasswordInput>;

/** The legacy answer carries no body (`response_body: null`). */
export const resetPasswordOutput = z.null();
