import { requestPasswordReset } from "@otas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

const RESET = { status: 1, status_description: "password_reset", response_body: null };

// The audit's reproductions: the recovery endpoints skipped sign-up's character rules, so a reset
// to a password with NUL answered 200 (and it could never log in), `pass\ud800word1` was accepted
// and `pass\ufffdword1` then logged in, and on PostgreSQL an emailId with NUL answered 500 on
// reset and failed init's background job five times with error lines.
describe.each(providers)("the recovery endpoints' character rules on %s", (provider) => {
  let server: TestServer;
  const lines = () => server.logs.map((text) => JSON.parse(text) as LogLine);
  beforeAll(async () => {
    server = await startTestServer(provider);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A user with a working reset token, as the mailed link would carry it. */
  const withResetToken = async () => {
    const account = await registerUser(server.url);
    const reset = await requestPasswordReset({ email: account.email }, server.deps);
    if (reset === null) throw new Error("no reset token for a registered user");
    return { ...account, resetToken: reset.token };
  };
  const reset = (body: string) =>
    request(`${server.url}/api/user/v1/reset-password/reset/`, {
      body,
      headers: { "content-type": "application/json" },
    });
  const logsIn = async (email: string, password: string) =>
    (await request(`${server.url}/api/user/v1/login/`, { body: { email, password } })).status ===
    200;

  it.each([
    ["NUL", "pass\\u0000word1"],
    ["an unpaired high surrogate", "pass\\ud800word1"],
    ["an unpaired low surrogate", "pass\\udfffword1"],
  ])("refuses a new password with %s, and the token still works after", async (_name, escaped) => {
    const { email, password, resetToken } = await withResetToken();
    const refused = await reset(
      `{"emailId": ${JSON.stringify(email)}, "token": "${resetToken}", "password": "${escaped}"}`,
    );
    expect([refused.status, refused.json]).toEqual([400, failure("invalid_characters: password")]);
    // Nothing changed: the old password logs in, the collision U+FFFD does not, and the token
    // was not spent.
    expect(await logsIn(email, password)).toBe(true);
    expect(await logsIn(email, "pass\ufffdword1")).toBe(false);
    const done = await reset(
      JSON.stringify({ emailId: email, token: resetToken, password: "new-secret-1" }),
    );
    expect([done.status, done.json]).toEqual([200, RESET]);
    expect(await logsIn(email, "new-secret-1")).toBe(true);
  });

  it.each([
    ["NUL", "\\u0000"],
    ["ESC", "\\u001b"],
    ["an unpaired surrogate", "\\ud800"],
  ])(
    "refuses a reset whose emailId holds %s, before its token is looked at",
    async (_name, char) => {
      const { email, password, resetToken } = await withResetToken();
      const [local, domain] = email.split("@");
      const emailId = JSON.stringify(`${local}@${domain}`).replace("@", `${char}@`);
      const refused = await reset(
        `{"emailId": ${emailId}, "token": "${resetToken}", "password": "new-secret-2"}`,
      );
      expect([refused.status, refused.json]).toEqual([400, failure("invalid_characters: emailId")]);
      expect(await logsIn(email, password)).toBe(true);
    },
  );

  it("checks characters before the password's length, in the order emailId, password", async () => {
    const both = await reset('{"emailId": "a\\u0000@b.c", "token": "t", "password": "\\u0000"}');
    expect(both.json).toEqual(failure("invalid_characters: emailId"));
    const short = await reset('{"emailId": "a@b.c", "token": "t", "password": "\\u0000"}');
    expect(short.json).toEqual(failure("invalid_characters: password"));
  });

  it.each([
    ["emailId", "NUL", "\\u0000"],
    ["emailId", "a control character", "\\u0085"],
    ["email", "an unpaired surrogate", "\\udc00"],
  ])("refuses a reset request whose %s holds %s, on both paths", async (key, _name, char) => {
    const { email } = await registerUser(server.url);
    const body = `{"${key}": ${JSON.stringify(email).replace("@", `${char}@`)}}`;
    for (const path of ["/api/user/v1/reset-password/init/", "/v1/user/reset-password/init/"]) {
      const res = await request(`${server.url}${path}`, {
        body,
        headers: { "content-type": "application/json" },
      });
      expect([res.status, res.json]).toEqual([400, failure(`invalid_characters: ${key}`)]);
    }
  });

  it("answers tRPC clients with the same code", async () => {
    const res = await request(`${server.url}/trpc/user.resetPassword`, {
      body: '{"emailId": "a@b.c", "token": "t", "password": "pass\\u0000word1"}',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { data: { otasCode: "invalid_characters", detail: "password" } },
    });
  });

  it("logged nothing at error level: no 500, no failing mail job", () => {
    expect(lines().filter((line) => line.level >= 50)).toEqual([]);
  });
});
