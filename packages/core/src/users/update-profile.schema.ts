import { z } from "zod";
import { codePointLength, pythonStrip } from "../text/python-text.js";
import { withContractErrors } from "../validation/domain-error-from-issues.js";
import { bodyObject, optionalString, requiredString } from "../validation/fields.js";
import { isStorableText } from "../validation/text-characters.js";
import { NAME_MAX_LENGTH } from "./create-user.schema.js";
import { userSchema } from "./user.js";

const requiredName = () =>
  requiredString("missing_required_fields")
    .transform(pythonStrip)
    .meta({
      description: `Required, non-empty after trimming; at most ${NAME_MAX_LENGTH} characters; no control characters.`,
      // Describes the limit in the OpenAPI document; the superRefine below enforces it.
      maxLength: NAME_MAX_LENGTH,
    });

/**
 * The profile edit body: first and last name required and non-empty after trimming; an absent
 * middle name resets it. Email and id in the body are ignored (they cannot be changed here).
 * Checks, in order: absent or empty names, control characters or unpaired surrogates, sizes.
 * @see docs/legacy-rest-contract.md (PUT /api/user/v1/edit/)
 */
export const updateProfileInput = withContractErrors(
  bodyObject({
    first_name: requiredName(),
    middle_name: optionalString()
      .transform((value) => (value == null ? null : pythonStrip(value)))
      .meta({
        description: `Optional; absent or null resets it to none. At most ${NAME_MAX_LENGTH}; no control characters.`,
        maxLength: NAME_MAX_LENGTH,
      }),
    last_name: requiredName(),
  }).superRefine((input, ctx) => {
    const fail = (message: string, field: string) =>
      ctx.addIssue({ code: "custom", message, path: [field] });
    if (input.first_name === "" || input.last_name === "") {
      return fail("missing_required_fields", input.first_name === "" ? "first_name" : "last_name");
    }
    const names = ["first_name", "middle_name", "last_name"] as const;
    const unstorable = names.find((field) => !isStorableText(input[field] ?? ""));
    if (unstorable !== undefined) return fail("invalid_characters", unstorable);
    for (const field of names) {
      if (codePointLength(input[field] ?? "") > NAME_MAX_LENGTH)
        return fail("field_too_long", field);
    }
  }),
);

export type UpdateProfileInput = z.output<typeof updateProfileInput>;

export const updateProfileOutput = z.object({ user: userSchema });
export type UpdateProfileOutput = z.output<typeof updateProfileOutput>;
