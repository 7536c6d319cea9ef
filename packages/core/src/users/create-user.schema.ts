import { z } from "zod";
import { codePointLength, pythonStrip } from "../text/python-text.js";
import { withContractErrors } from "../validation/domain-error-from-issues.js";
import { bodyObject, optionalString, requiredString } from "../validation/fields.js";
import { isHashablePassword, isStorableText } from "../validation/text-characters.js";
import { userSchema } from "./user.js";

/** Column sizes of the original service: longer values get a clean error, not a database one. */
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 6;

// The length limits are checked in the superRefine below, to keep the contract's error order; the
// `maxLength`/`minLength` metadata only describes them in the OpenAPI document.
const name = () => requiredString("missing_fields").transform(pythonStrip);

/** The text fields of sign-up, in the contract's order, for the character check. */
const TEXT_FIELDS = ["first_name", "middle_name", "last_name", "email"] as const;

/**
 * The sign-up body. Parsing trims names and email (Python `str.strip()`), lowercases the
 * email, then checks in the contract's order: missing fields, field types, characters (no
 * control characters or unpaired surrogates: a value holding them is no usable text, so nothing
 * after looks at it), email format, password length, and finally the column sizes (which the
 * original only hit at insert time).
 * @see docs/legacy-rest-contract.md (POST /api/user/v1/create/)
 */
export const createUserInput = withContractErrors(
  bodyObject({
    first_name: name().meta({
      description: `Trimmed; at most ${NAME_MAX_LENGTH} characters; no control characters.`,
      maxLength: NAME_MAX_LENGTH,
    }),
    middle_name: optionalString()
      .transform((value) => (value == null ? null : pythonStrip(value)))
      .meta({
        description: `Optional; null or absent means none. At most ${NAME_MAX_LENGTH}; no control characters.`,
        maxLength: NAME_MAX_LENGTH,
      }),
    last_name: name().meta({
      description: `Trimmed; at most ${NAME_MAX_LENGTH} characters; no control characters.`,
      maxLength: NAME_MAX_LENGTH,
    }),
    email: requiredString("missing_fields")
      .transform((value) => pythonStrip(value).toLowerCase())
      .meta({
        description: `Trimmed and lowercased; must contain @; at most ${EMAIL_MAX_LENGTH}; no control characters.`,
        maxLength: EMAIL_MAX_LENGTH,
      }),
    password: requiredString("missing_fields").meta({
      description: `At least ${PASSWORD_MIN_LENGTH} characters; never trimmed; no NUL.`,
      minLength: PASSWORD_MIN_LENGTH,
    }),
  }).superRefine((input, ctx) => {
    const fail = (message: string, field: string) =>
      ctx.addIssue({ code: "custom", message, path: [field] });
    const unstorable = TEXT_FIELDS.find((field) => !isStorableText(input[field] ?? ""));
    if (unstorable !== undefined) return fail("invalid_characters", unstorable);
    if (!isHashablePassword(input.password)) return fail("invalid_characters", "password");
    if (!input.email.includes("@")) return fail("invalid_email_format", "email");
    if (codePointLength(input.password) < PASSWORD_MIN_LENGTH)
      return fail("password_too_short", "password");
    for (const field of ["first_name", "middle_name", "last_name"] as const) {
      if (codePointLength(input[field] ?? "") > NAME_MAX_LENGTH)
        return fail("field_too_long", field);
    }
    if (codePointLength(input.email) > EMAIL_MAX_LENGTH) return fail("field_too_long", "email");
  }),
);

export type CreateUserInput = z.output<typeof createUserInput>;

/** A new user and a token that works immediately. */
export const createUserOutput = z.object({
  user: userSchema,
  jwt_token: z.string().describe("HS256 JWT; send it as X-OTAS-USER-TOKEN."),
});

export type CreateUserOutput = z.output<typeof createUserOutput>;
