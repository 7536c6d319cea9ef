import { z } from "zod";
import { pythonStrip } from "../text/python-text.js";
import { withContractErrors } from "../validation/domain-error-from-issues.js";
import { isHashablePassword, isStorableText } from "../validation/text-characters.js";
import { createUserOutput } from "./create-user.schema.js";

const loginField = () => z.string({ error: "login_failed" });

/**
 * The login body: `email` (matched trimmed and case-insensitively) and `password` — or
 * `Password`, which wins when non-empty. Every failure is the one code `login_failed`, including
 * an email or password no account can have been created with (control characters in the email,
 * NUL or unpaired surrogates in the password, as sign-up refuses them), so such values never
 * reach the database or the hasher.
 * @see docs/legacy-rest-contract.md (POST /api/user/v1/login/)
 */
export const loginUserInput = withContractErrors(
  z
    .object(
      {
        email: loginField().transform((value) => pythonStrip(value).toLowerCase()),
        password: loginField().optional(),
        Password: loginField()
          .optional()
          .describe("Legacy spelling; wins over password when non-empty."),
      },
      { error: "login_failed" },
    )
    .transform(({ email, password, Password }, ctx) => {
      const chosen = Password || password;
      if (!chosen || !isStorableText(email) || !isHashablePassword(chosen)) {
        ctx.addIssue({ code: "custom", message: "login_failed" });
        return z.NEVER;
      }
      return { email, password: chosen };
    }),
);

export type LoginUserInput = z.output<typeof loginUserInput>;

/** The same result as sign-up: the user and a fresh token. */
export const loginUserOutput = createUserOutput;
export type LoginUserOutput = z.output<typeof loginUserOutput>;
