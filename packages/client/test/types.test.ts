import type { AppRouter as ServerRouter } from "@otas/api";
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { describe, expectTypeOf, it } from "vitest";
import {
  createOtasClient,
  type OtasClient,
  type OtasErrorCode,
  type OtasErrorData,
  type OtasInputs,
  type OtasOutputs,
  type OtasUser,
  otasErrorCode,
  otasErrorMessages,
} from "../src/index.js";
import type { AppRouter } from "../src/trpc.js";

// The generated router types against the server's own router: the client ships the former, so
// they must say exactly what the latter does (a test-only import of @otas/api).
describe("the router types shipped in the package", () => {
  it("are the server router's inputs, outputs and error shape", () => {
    expectTypeOf<inferRouterInputs<AppRouter>>().toEqualTypeOf<inferRouterInputs<ServerRouter>>();
    expectTypeOf<inferRouterOutputs<AppRouter>>().toEqualTypeOf<inferRouterOutputs<ServerRouter>>();
    expectTypeOf<inferRouterError<AppRouter>>().toEqualTypeOf<inferRouterError<ServerRouter>>();
    expectTypeOf<OtasInputs>().toEqualTypeOf<inferRouterInputs<ServerRouter>>();
    expectTypeOf<OtasOutputs>().toEqualTypeOf<inferRouterOutputs<ServerRouter>>();
    expectTypeOf<OtasErrorData>().toEqualTypeOf<inferRouterError<ServerRouter>["data"]>();
  });

  it("type the client's calls as tRPC's client types them", () => {
    type Create = OtasClient["user"]["create"]["mutate"];
    expectTypeOf<Parameters<Create>[0]>().toEqualTypeOf<
      inferRouterInputs<ServerRouter>["user"]["create"]
    >();
    expectTypeOf<Awaited<ReturnType<Create>>>().toEqualTypeOf<
      inferRouterOutputs<ServerRouter>["user"]["create"]
    >();
    expectTypeOf<Awaited<ReturnType<OtasClient["user"]["me"]["query"]>>>().toEqualTypeOf<
      inferRouterOutputs<ServerRouter>["user"]["me"]
    >();
  });

  it("have a message for every code, and nothing else", () => {
    expectTypeOf(otasErrorMessages).toEqualTypeOf<Readonly<Record<OtasErrorCode, string>>>();
    // A table that lacks a code's message does not compile:
    const { server_error: _, ...withoutOne } = otasErrorMessages;
    // @ts-expect-error: property 'server_error' is missing
    const missing: Record<OtasErrorCode, string> = withoutOne;
    expectTypeOf(missing).toBeObject();
  });
});

// Checked by `tsc` (the typecheck task compiles the tests); at run time these are no-ops.
describe("types inferred from the server's router", () => {
  it("types inputs, outputs and the user", () => {
    expectTypeOf<OtasInputs["user"]["create"]>().toMatchObjectType<{
      first_name: string;
      last_name: string;
      email: string;
      password: string;
    }>();
    expectTypeOf<OtasOutputs["user"]["create"]>().toEqualTypeOf<{
      user: OtasUser;
      jwt_token: string;
    }>();
    expectTypeOf<OtasOutputs["user"]["updatePassword"]>().toEqualTypeOf<null>();
    expectTypeOf<OtasInputs["user"]["resetPassword"]>().toEqualTypeOf<{
      emailId: string;
      token: string;
      password: string;
    }>();
    expectTypeOf<OtasInputs["user"]["requestPasswordReset"]>().toMatchObjectType<{
      emailId?: string | undefined;
      email?: string | undefined;
    }>();
    expectTypeOf<OtasOutputs["user"]["requestPasswordReset"]>().toEqualTypeOf<null>();
    expectTypeOf<OtasOutputs["user"]["resetPassword"]>().toEqualTypeOf<null>();
    expectTypeOf<OtasUser>().toEqualTypeOf<{
      id: string;
      first_name: string;
      middle_name: string;
      last_name: string;
      email: string;
      created_at: string;
      updated_at: string;
    }>();
  });

  it("types the error codes as a closed union", () => {
    expectTypeOf<"user_already_exists">().toExtend<OtasErrorCode>();
    expectTypeOf<"login_failed">().toExtend<OtasErrorCode>();
    expectTypeOf<"invalid_or_expired_token">().toExtend<OtasErrorCode>();
    expectTypeOf<"server_error">().toExtend<OtasErrorCode>();
    expectTypeOf<"no_such_code">().not.toExtend<OtasErrorCode>();
    expectTypeOf(otasErrorCode).returns.toEqualTypeOf<OtasErrorCode | undefined>();
  });

  it("rejects wrong fields, procedures and codes at compile time", () => {
    const client = createOtasClient({ url: "http://localhost:8000", token: () => "t" });
    // Only compiled, never called: the calls would need a server.
    const neverCalled = async () => {
      await client.user.create.mutate({
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        // @ts-expect-error: the field is `password`
        passwrd: "secret1",
      });
      // @ts-expect-error: `last_name` is required
      await client.user.update.mutate({ first_name: "Ada" });
      // @ts-expect-error: login is a mutation, not a query
      await client.user.login.query({ email: "a@b.c", password: "secret1" });
      // @ts-expect-error: there is no such procedure
      await client.user.delete.mutate();
      const { user } = await client.user.me.query();
      // @ts-expect-error: the user object has no password
      user.password;
      // @ts-expect-error: not one of the API's codes
      const code: OtasErrorCode = "user_exists";
      return code;
    };
    expectTypeOf(neverCalled).toBeFunction();
  });
});
