import type { AppRouter, ErrorCode } from "@otas/api";
import { handMadeToken } from "@otas/core/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  providers,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";
import { registerUser, uniqueEmail } from "./support/users.js";

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

function clientFor(server: TestServer, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        headers: () => (token === undefined ? {} : { "x-otas-user-token": token }),
      }),
    ],
  });
}

async function codeOf(
  call: Promise<unknown>,
): Promise<[ErrorCode | undefined, number | undefined]> {
  const error = await trpcFailure(call);
  return [error.data?.otasCode, error.data?.httpStatus];
}

describe("the typed surface", () => {
  it("infers every procedure's input and output", () => {
    expectTypeOf<Inputs["user"]["create"]>().toMatchTypeOf<{
      first_name: string;
      last_name: string;
      email: string;
      password: string;
    }>();
    expectTypeOf<Inputs["user"]["create"]["middle_name"]>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<Inputs["user"]["login"]>().toMatchTypeOf<{
      email: string;
      password?: string | undefined;
      Password?: string | undefined;
    }>();
    expectTypeOf<Inputs["user"]["update"]>().toMatchTypeOf<{
      first_name: string;
      last_name: string;
    }>();
    expectTypeOf<Inputs["user"]["updatePassword"]>().toEqualTypeOf<{ password: string }>();
    expectTypeOf<Outputs["user"]["create"]>().toEqualTypeOf<Outputs["user"]["login"]>();
    expectTypeOf<Outputs["user"]["create"]["user"]>().toEqualTypeOf<{
      id: string;
      first_name: string;
      middle_name: string;
      last_name: string;
      email: string;
      created_at: string;
      updated_at: string;
    }>();
    expectTypeOf<Outputs["user"]["me"]>().toEqualTypeOf<Outputs["user"]["update"]>();
    expectTypeOf<Outputs["user"]["updatePassword"]>().toEqualTypeOf<null>();
    expectTypeOf<"login_failed">().toExtend<ErrorCode>();
    expectTypeOf<"missing_token">().toExtend<ErrorCode>();
    // @ts-expect-error — not a code this API can answer
    expectTypeOf<"no_such_code">().toExtend<ErrorCode>();
  });
});

describe.each(providers)("tRPC login, me, update and updatePassword on %s", (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(provider);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("logs in and reads the user back with the token, as a query and as a mutation", async () => {
    const { user, email, password } = await registerUser(server.url);
    const { jwt_token, user: loggedIn } = await clientFor(server).user.login.mutate({
      email: email.toUpperCase(),
      password,
    });
    expect(loggedIn).toEqual(user);
    const authed = clientFor(server, jwt_token);
    expect((await authed.user.me.query()).user).toEqual(user);
    expect((await authed.user.authenticate.mutate(undefined)).user).toEqual(user);
  });

  it("answers typed codes for login, token and body failures", async () => {
    const { token, email } = await registerUser(server.url);
    const anonymous = clientFor(server);
    expect(
      await codeOf(anonymous.user.login.mutate({ email, password: "wrong-password" })),
    ).toEqual(["login_failed", 401]);
    expect(
      await codeOf(anonymous.user.login.mutate({ email: uniqueEmail(), password: "whatever" })),
    ).toEqual(["login_failed", 401]);
    expect(await codeOf(anonymous.user.me.query())).toEqual(["missing_token", 401]);
    expect(await codeOf(clientFor(server, "garbage").user.me.query())).toEqual([
      "invalid_token",
      401,
    ]);
    const authed = clientFor(server, token);
    expect(await codeOf(authed.user.update.mutate({ first_name: " ", last_name: "B" }))).toEqual([
      "missing_required_fields",
      400,
    ]);
    expect(await codeOf(authed.user.updatePassword.mutate({ password: "" }))).toEqual([
      "missing_password",
      400,
    ]);
    expect(await codeOf(authed.user.updatePassword.mutate({ password: "short" }))).toEqual([
      "password_too_short",
      400,
    ]);
  });

  it("tells an expired token from a bad one in `detail` (REST answers both invalid_token)", async () => {
    const { user, token } = await registerUser(server.url);
    const now = Math.floor(Date.now() / 1000);
    const claims = { user_id: user.id, email: user.email, iat: now - 7200, exp: now - 3600 };
    const expired = handMadeToken(claims, { secret: TEST_JWT_SECRET });
    const forgedAndExpired = handMadeToken(claims, {
      secret: "another-secret-another-secret-1234",
    });
    const dataOf = async (bad: string) =>
      (await trpcFailure(clientFor(server, bad).user.me.query())).data;
    expect(await dataOf(expired)).toMatchObject({
      otasCode: "invalid_token",
      detail: "expired",
      httpStatus: 401,
      fields: [],
    });
    for (const bad of [forgedAndExpired, "garbage", `${token}x`]) {
      expect(await dataOf(bad)).toMatchObject({ otasCode: "invalid_token", detail: null });
    }
  });

  it("lists the fields a failure is about beside the contract's detail", async () => {
    const { email } = await registerUser(server.url);
    const anonymous = clientFor(server);
    const dataOf = async (call: Promise<unknown>) => {
      const { otasCode, detail, fields } = (await trpcFailure(call)).data ?? {};
      return { otasCode, detail, fields };
    };
    const user = { first_name: "Ada", last_name: "L", email: uniqueEmail(), password: "secret1" };
    expect(
      // Sent as a client without types would: email and password absent.
      await dataOf(anonymous.user.create.mutate({ first_name: "Ada", last_name: "L" } as never)),
    ).toEqual({
      otasCode: "missing_fields",
      detail: "email, password",
      fields: ["email", "password"],
    });
    expect(await dataOf(anonymous.user.create.mutate({ ...user, email }))).toEqual({
      otasCode: "user_already_exists",
      detail: null,
      fields: ["email"],
    });
    expect(await dataOf(anonymous.user.create.mutate({ ...user, password: "short" }))).toEqual({
      otasCode: "password_too_short",
      detail: null,
      fields: ["password"],
    });
    expect(
      await dataOf(anonymous.user.create.mutate({ ...user, first_name: "x".repeat(101) })),
    ).toEqual({
      otasCode: "field_too_long",
      detail: "first_name",
      fields: ["first_name"],
    });
    expect(await dataOf(anonymous.user.login.mutate({ email, password: "wrong-one" }))).toEqual({
      otasCode: "login_failed",
      detail: null,
      fields: [],
    });
  });

  it("updates the profile and the password", async () => {
    const { token, email } = await registerUser(server.url);
    const authed = clientFor(server, token);
    const { user } = await authed.user.update.mutate({
      first_name: "New",
      last_name: "Name",
      middle_name: null,
    });
    expect(user).toMatchObject({ first_name: "New", middle_name: "", last_name: "Name" });
    expect(await authed.user.updatePassword.mutate({ password: "changed-password" })).toBeNull();
    await expect(
      clientFor(server).user.login.mutate({ email, password: "changed-password" }),
    ).resolves.toBeDefined();
  });
});
