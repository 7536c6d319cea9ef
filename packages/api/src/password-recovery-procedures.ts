import {
  requestPasswordResetInput,
  requestPasswordResetOutput,
  resetPassword,
  resetPasswordInput,
  resetPasswordOutput,
  singleMailbox,
} from "@otas/core";
import { passwordRecoveryProcedure } from "./password-recovery-procedure.js";
import { enforceRateLimit } from "./rate-limited-procedure.js";

/**
 * Password recovery by email, new in this service (the original never served it): the OTAS web
 * frontend's "Forgot password?" dialog and its reset page. Part of the user router.
 * @see docs/legacy-rest-contract.md ("What the OTAS web frontend calls")
 */
export const passwordRecoveryProcedures = {
  requestPasswordReset: passwordRecoveryProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/reset-password/init/",
        summary: "Mail a password-reset link",
        description:
          "Always answers `reset_link_sent`, whether an account has the email or not; the mail " +
          "(to an existing account only) is sent after the answer.",
        tags: ["user"],
        protect: false,
      },
      legacy: {
        successCode: "reset_link_sent",
        aliases: ["/v1/user/reset-password/init/"],
        errors: [
          "missing_fields",
          "invalid_characters",
          "invalid_email_format",
          "field_too_long",
          "invalid_field_type",
          "invalid_json",
          "invalid_body",
          "rate_limited",
          "not_found",
        ],
      },
    })
    .input(requestPasswordResetInput)
    .output(requestPasswordResetOutput)
    .mutation(async ({ input, ctx }) => {
      await enforceRateLimit(ctx, "password_reset_request");
      // Per target mailbox too, known or not, so a mailbox cannot be flooded from many addresses;
      // counted under its one spelling (see singleMailbox), whichever the caller wrote.
      await enforceRateLimit(ctx, "password_reset_mail", singleMailbox(input.email) ?? input.email);
      ctx.passwordRecovery.requestMail(input.email);
      return null;
    }),

  resetPassword: passwordRecoveryProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/reset-password/reset/",
        summary: "Set a new password with the emailed token",
        description:
          "The token works once, only while it is the account's latest and the password has not " +
          "changed since; the reset ends every session (token) issued before it.",
        tags: ["user"],
        protect: false,
      },
      hashesPassword: true,
      legacy: {
        successCode: "password_reset",
        aliases: ["/v1/user/reset-password/reset/"],
        errors: [
          "missing_fields",
          "invalid_characters",
          "password_too_short",
          "invalid_or_expired_token",
          "invalid_field_type",
          "invalid_json",
          "invalid_body",
          "rate_limited",
          "not_found",
        ],
      },
    })
    .input(resetPasswordInput)
    .output(resetPasswordOutput)
    .mutation(async ({ input, ctx }) => {
      await enforceRateLimit(ctx, "password_reset");
      await enforceRateLimit(ctx, "password_reset", input.email);
      return resetPassword(input, ctx.deps);
    }),
};
