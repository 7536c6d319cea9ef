import type { AppRouter, ErrorCode } from "@otas/api";
import { createTRPCClient, httpLink, type TRPCClientError } from "@trpc/client";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  providers,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

function clientFor(server: TestServer): Client {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc` })] });
}

const valid = { first_name: "Grace", last_name: "Hopper", password: "secret1" };
let counter = 0;
const email = () => `grace.${++counter}.${Date.now()}@example.com`;

describe.each(providers)("tRPC user.create on %s", (provider) => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer(provider);
    client = clientFor(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("returns the typed user and token (no envelope)", async () => {
    const address = email();
    const result = await client.user.create.mutate({
      ...valid,
      email: ` ${address.toUpperCase()} `,
    });
    expectTypeOf(result.user.first_name).toEqualTypeOf<string>();
    expectTypeOf(result.jwt_token).toEqualTypeOf<string>();
    expect(result.user).toMatchObject({ first_name: "Grace", middle_name: "", email: address });
    const claims = jwt.verify(result.jwt_token, TEST_JWT_SECRET, { algorithms: ["HS256"] });
    expect(claims).toMatchObject({ user_id: result.user.id, email: address });
  });

  it.each([
    [{ ...valid, email: "no-at-sign" }, "invalid_email_format", null, 400],
    [{ ...valid, email: "a@b.c", password: "12345" }, "password_too_short", null, 400],
    [
      { ...valid, email: "a@b.c", first_name: "x".repeat(101) },
      "field_too_long",
      "first_name",
      400,
    ],
    [{ ...valid, email: "a@b.c", first_name: 5 }, "invalid_field_type", "first_name", 400],
    [{ first_name: "a" }, "missing_fields", "last_name, email, password", 400],
  ])("reports %j as the typed code %s", async (input, otasCode, detail, httpStatus) => {
    const error = await trpcFailure(client.user.create.mutate(input as never));
    expect(error.data?.otasCode).toBe(otasCode);
    expect(error.data?.detail).toBe(detail);
    expect(error.data?.httpStatus).toBe(httpStatus);
  });

  it("reports a taken email as user_already_exists (HTTP 409 over tRPC)", async () => {
    const address = email();
    await client.user.create.mutate({ ...valid, email: address });
    const error = await trpcFailure(
      client.user.create.mutate({ ...valid, email: address.toUpperCase() }),
    );
    expect(error.data?.otasCode).toBe("user_already_exists");
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.data?.httpStatus).toBe(409);
  });

  it("types error.data.otasCode as the closed union of codes", () => {
    type Data = NonNullable<TRPCClientError<AppRouter>["data"]>;
    expectTypeOf<Data["otasCode"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ErrorCode>().toExtend<string>();
  });
});
