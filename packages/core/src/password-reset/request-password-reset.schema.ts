import { z } from "zod";
import { codePointLength, pythonStrip } from "../text/python-text.js";
import { EMAIL_MAX_LENGTH } from "../users/create-user.schema.js";
import { bodyObject } from "../validation/fields.js";
import { isStorableText } from "../validation/text-characters.js";

const emailField = (description: string) =>
  z
    .string({ error: "invalid_field_type" })
    .optional()
    .meta({ description, maxLength: EMAIL_MAX_LENGTH });

/**
 * The "forgot password" body: `emailId` (what the OTAS web frontend sends) or `email`, trimmed and
 * lowercased. Absent: `missing_fields: emailId`; a control character or an unpaired surrogate:
 * `invalid_characters: emailId` (as sign-up refuses them, no account has such an email, and
 * PostgreSQL cannot even be asked about one with NUL); no `@`: `invalid_email_format`.
 * @see docs/legacy-rest-contract.md (POST /api/user/v1/reset-password/init/)
 */
export const requestPasswordResetInput = bodyObject({
  emailId: emailField("The account's email; trimmed and lowercased."),
  email: emailField("Accepted instead of emailId when emailId is absent."),
}).transform(({ emailId, email }, ctx) => {
  // The key a failure names: the one that was sent (emailId when neither was).
  const field = emailId === undefined && email !== undefined ? "email" : "emailId";
  const given = emailId ?? email;
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message, path: [field] });
    return z.NEVER;
  };
  if (given === undefined) return fail("missing_fields");
  const normalised = pythonStrip(given).toLowerCase();
  if (!isStorableText(normalised)) return fail("invalid_characters");
  if (!normalised.includes("@")) return fail("invalid_email_format");
  if (codePointLength(normalised) > EMAIL_MAX_LENGTH) return fail("field_too_long");
  return { email: normalised };
});

export type RequestPasswordResetInput = z.output<typeof requestPasswordResetInput>;

/** The answer says nothing about the account: `response_body` is null whether it exists or not. */
export const requestPasswordResetOutput = z.null();
