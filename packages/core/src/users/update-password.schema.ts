import { z } from "zod";
import { codePointLength } from "../text/python-text.js";
import { withContractErrors } from "../validation/domain-error-from-issues.js";
import { bodyObject, requiredString } from "../validation/fields.js";
import { isHashablePassword } from "../validation/text-characters.js";
import { PASSWORD_MIN_LENGTH } from "./create-user.schema.js";

/**
 * The password update body: `password` only (a `Password` key is not accepted here); absent or
 * empty is `missing_password`, then the same character and length rules as sign-up.
 * @see docs/legacy-rest-contract.md (PUT /api/user/v1/reset-password/update/)
 */
export const updatePasswordInput = withContractErrors(
  bodyObject({
    password: requiredString("missing_password").meta({
      description: `The new password: at least ${PASSWORD_MIN_LENGTH} characters; never trimmed; no NUL.`,
      // Describes the limit in the OpenAPI document; the superRefine below enforces it.
      minLength: PASSWORD_MIN_LENGTH,
    }),
  }).superRefine(({ password }, ctx) => {
    if (password === "") {
      ctx.addIssue({ code: "custom", message: "missing_password", path: ["password"] });
    } else if (!isHashablePassword(password)) {
      ctx.addIssue({ code: "custom", message: "invalid_characters", path: ["password"] });
    } else if (codePointLength(password) < PASSWORD_MIN_LENGTH) {
      ctx.addIssue({ code: "custom", message: "password_too_short", path: ["password"] });
    }
  }),
);

export type UpdatePasswordInput = z.output<typeof updatePasswordInput>;

/** The legacy answer carries no body (`response_body: null`). */
export const updatePasswordOutput = z.null();
