import type { AppRouter } from "@otas/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";
import { registerUser, uniqueEmail } from "./support/users.js";

const LOGIN_FAILED = { status: 0, status_description: "login_failed" };
const LONE_SURROGATE = "\ud800";

/** Every log line at error level or above (pino: 50 is error). */
const errorLines = (server: TestServer) =>
  server.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

// PostgreSQL refuses NUL in text and SQLite stores it: both must answer the same clean code.
describe.each(providers)("NUL, control characters and lone surrogates on %s", (provider) => {
  let server: TestServer;
  const url = (path: string) => `${server.url}/api/user/v1/${path}`;
  beforeAll(async () => {
    server = await startTestServer(provider);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers login_failed to an email with NUL at login (it never reaches the database)", async () => {
    for (const email of ["\u0000", "a\u0000@example.com", `${LONE_SURROGATE}@example.com`]) {
      const res = await request(url("login/"), { body: { email, password: "secret1" } });
      expect([email, res.status, res.json]).toEqual([email, 401, LOGIN_FAILED]);
    }
  });

  it("answers login_failed to a password with NUL, even after the real password", async () => {
    const { email, password } = await registerUser(server.url);
    const res = await request(url("login/"), { body: { email, password: `${password}\u0000x` } });
    expect([res.status, res.json]).toEqual([401, LOGIN_FAILED]);
  });

  it.each([
    ["email", { email: "a\u0000b@example.com" }],
    ["first_name", { first_name: "A\u0000da" }],
    ["middle_name", { middle_name: "\u0007" }],
    ["last_name", { last_name: `Love${LONE_SURROGATE}lace` }],
    ["password", { password: "secret1\u0000" }],
  ])("refuses sign-up with invalid_characters: %s", async (field, override) => {
    const body = {
      first_name: "Ada",
      last_name: "Lovelace",
      email: uniqueEmail("chars"),
      password: "secret1",
      ...override,
    };
    const res = await request(url("create/"), { body });
    expect([res.status, res.json]).toEqual([400, failure(`invalid_characters: ${field}`)]);
  });

  it.each([
    ["first_name", { first_name: "\u0000" }],
    ["middle_name", { middle_name: `x${LONE_SURROGATE}` }],
    ["last_name", { last_name: "Love\u001blace" }],
  ])("refuses a profile edit with invalid_characters: %s", async (field, override) => {
    const { token, user } = await registerUser(server.url);
    const res = await request(url("edit/"), {
      method: "PUT",
      body: { first_name: "Ada", last_name: "Lovelace", ...override },
      headers: { "x-otas-user-token": token },
    });
    expect([res.status, res.json]).toEqual([400, failure(`invalid_characters: ${field}`)]);
    const me = await request(url("authenticate/"), { headers: { "x-otas-user-token": token } });
    expect((me.json as { response_body: { user: unknown } }).response_body.user).toEqual(user);
  });

  it("refuses a new password with NUL or a lone surrogate, keeping the old one", async () => {
    const { token, email, password } = await registerUser(server.url);
    for (const bad of ["new-secret\u0000", `new-secret${LONE_SURROGATE}`]) {
      const res = await request(url("reset-password/update/"), {
        method: "PUT",
        body: { password: bad },
        headers: { "x-otas-user-token": token },
      });
      expect([res.status, res.json]).toEqual([400, failure("invalid_characters: password")]);
    }
    const login = await request(url("login/"), { body: { email, password } });
    expect(login.status).toBe(200);
  });

  it("refuses them over tRPC with BAD_REQUEST and the field", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${server.url}/trpc` })],
    });
    const error = await trpcFailure(
      client.user.create.mutate({
        first_name: "Ada\u0000",
        last_name: "Lovelace",
        email: uniqueEmail("chars"),
        password: "secret1",
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      otasCode: "invalid_characters",
      detail: "first_name",
    });
  });

  it("logged none of it as an unexpected failure", () => {
    expect(errorLines(server)).toEqual([]);
  });
});
