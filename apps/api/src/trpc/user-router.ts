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
} from "@otas/core";
import { z } from "zod";
import { publicProcedure, router } from "./init.js";
import { protectedProcedure } from "./protected-procedure.js";

const currentUserOutput = updateProfileOutput;

/** The user procedures; each mutation also answers on its legacy REST path. */
export const userRouter = router({
  create: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/user/v1/create/",
        summary: "Register a user",
        tags: ["user"],
      },
      legacy: { successCode: "user_created", serverErrorStatus: 400 },
    })
    .input(createUserInput)
    .output(createUserOutput)
    .mutation(({ input, ctx }) => createUser(input, ctx.deps)),

  login: publicProcedure
    .meta({
      openapi: { method: "POST", path: "/user/v1/login/", summary: "Log in", tags: ["user"] },
      legacy: { successCode: "login_success", resultKey: "response", failureCode: "login_failed" },
    })
    .input(loginUserInput)
    .output(loginUserOutput)
    .mutation(({ input, ctx }) => loginUser(input, ctx.deps)),

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
      legacy: { successCode: "user_profile_updated" },
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
        tags: ["user"],
        protect: true,
      },
      legacy: { successCode: "password_updated" },
    })
    .input(updatePasswordInput)
    .output(updatePasswordOutput)
    .mutation(({ input, ctx }) => updatePassword(input, { user: ctx.user }, ctx.deps)),
});
