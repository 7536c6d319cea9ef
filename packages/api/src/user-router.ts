import {
  createUser,
  createUserInput,
  createUserOutput,
  loginUser,
  loginUserInput,
  loginUserOutput,
  toUserDto,
  updatePassword,
  updatePasswordInput,
  updatePasswordOutput,
  updateProfile,
  updateProfileInput,
  updateProfileOutput,
  withLog,
} from "@otas/core";
import { z } from "zod";
import { LEGACY_TOKEN_HEADER } from "./context.js";
import { publicProcedure, router } from "./init.js";
import { passwordRecoveryProcedures } from "./password-recovery-procedures.js";
import { protectedProcedure } from "./protected-procedure.js";
import { enforceRateLimit } from "./rate-limited-procedure.js";
import { sessionProcedures } from "./session-procedures.js";

const currentUserOutput = updateProfileOutput;

/**
 * The user procedures; each mutation also answers on its legacy REST path (and the password
 * update on the OTAS web frontend's path too).
 */
export const userRouter = router({
  create: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/create/",
        summary: "Register a user",
        tags: ["user"],
        protect: false,
      },
      hashesPassword: true,
      legacy: {
        successCode: "user_created",
        serverErrorStatus: 400,
        errors: [
          "missing_fields",
          "invalid_email_format",
          "password_too_short",
          "user_already_exists",
          "invalid_json",
          "invalid_body",
          "invalid_field_type",
          "invalid_characters",
          "field_too_long",
          "rate_limited",
        ],
      },
    })
    .input(createUserInput)
    .output(createUserOutput)
    .mutation(async ({ input, ctx }) => {
      await enforceRateLimit(ctx, "create");
      return createUser(input, ctx.deps, ctx.client?.());
    }),

  login: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/login/",
        summary: "Log in",
        tags: ["user"],
        protect: false,
      },
      hashesPassword: true,
      legacy: {
        successCode: "login_success",
        resultKey: "response",
        failureCode: "login_failed",
        errors: ["rate_limited"],
      },
    })
    .input(loginUserInput)
    .output(loginUserOutput)
    .mutation(async ({ input, ctx }) => {
      await enforceRateLimit(ctx, "login");
      // Per account too: guessing one account's password from many addresses is throttled.
      await enforceRateLimit(ctx, "login", input.email);
      return loginUser(input, withLog(ctx.deps, ctx.log), ctx.client?.());
    }),

  authenticate: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/authenticate/",
        summary: "Check a token and return its user",
        tags: ["user"],
        protect: true,
      },
      legacy: { successCode: "user_authenticated", ignoresBody: true },
    })
    .input(z.void())
    .output(currentUserOutput)
    .mutation(({ ctx }) => ({ user: toUserDto(ctx.user) })),

  /** The same as `authenticate`, as a query for TypeScript clients (cacheable, no body). */
  me: protectedProcedure
    .output(currentUserOutput)
    .query(({ ctx }) => ({ user: toUserDto(ctx.user) })),

  update: protectedProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/user/v1/edit/",
        summary: "Edit the profile",
        tags: ["user"],
        protect: true,
      },
      legacy: {
        successCode: "user_profile_updated",
        errors: [
          "invalid_json",
          "invalid_body",
          "missing_required_fields",
          "invalid_field_type",
          "invalid_characters",
          "field_too_long",
        ],
      },
    })
    .input(updateProfileInput)
    .output(updateProfileOutput)
    .mutation(({ input, ctx }) => updateProfile(input, { user: ctx.user }, ctx.deps)),

  updatePassword: protectedProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/user/v1/reset-password/update/",
        summary: "Change the password",
        description:
          "Ends every other session of the user (tokens without one issued before included); " +
          "the caller's token keeps working.",
        tags: ["user"],
        protect: true,
      },
      hashesPassword: true,
      legacy: {
        successCode: "password_updated",
        // The OTAS web frontend's account page calls this path, with the token in USER_TOKEN.
        aliases: ["/v1/user/reset-password/update/"],
        aliasTokenHeaders: [LEGACY_TOKEN_HEADER],
        errors: [
          "invalid_json",
          "invalid_body",
          "missing_password",
          "password_too_short",
          "invalid_field_type",
          "invalid_characters",
          "rate_limited",
        ],
      },
    })
    .input(updatePasswordInput)
    .output(updatePasswordOutput)
    .mutation(async ({ input, ctx }) => {
      await enforceRateLimit(ctx, "password_update");
      await enforceRateLimit(ctx, "password_update", ctx.user.id);
      // Every other session ends; the caller's keeps working (the answer is unchanged).
      const { user, session, client } = ctx;
      return updatePassword(input, { user, session, client: client?.() }, ctx.deps);
    }),

  ...passwordRecoveryProcedures,
  ...sessionProcedures,
});
