import { randomUUID } from "node:crypto";
import {
  authenticateUser,
  createUser,
  createUserInput,
  loginUser,
  loginUserInput,
  parseInput,
} from "@otas/core";
import { handMadeToken } from "@otas/core/testing";
import { describe, expect, it } from "vitest";
import { providers, TEST_JWT_SECRET, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe.each(providers)("otas-users sessions and sign-out on %s", (provider) => {
  const database = useCliDatabase(provider);

  /** A user signed up and signed in from two clients, through core on the CLI's database. */
  const signedIn = async () => {
    const email = `sessions.${randomUUID()}@example.com`;
    const body = { first_name: "Ada", last_name: "L", email, password: "secret1" };
    const created = await createUser(parseInput(createUserInput, body), database.deps, {
      userAgent: "Firefox/140.0 \u001b[2J",
      address: "203.0.113.9",
    });
    const login = await loginUser(parseInput(loginUserInput, body), database.deps, {
      userAgent: "curl/8.5",
      address: "2001:db8:1:2::3",
    });
    const iat = Math.floor(Date.now() / 1000) - 60;
    const original = handMadeToken(
      { user_id: created.user.id, email, iat, exp: iat + 3600 },
      { secret: TEST_JWT_SECRET },
    );
    return { email, user: created.user, tokens: [created.jwt_token, login.jwt_token, original] };
  };
  const works = async (token: string) =>
    authenticateUser({ token }, database.deps).then(
      () => true,
      () => false,
    );

  it("lists a user's live sessions, newest use first, with their clients' networks only", async () => {
    const { email, user } = await signedIn();
    const text = await runBinary(["sessions", ` ${email.toUpperCase()} `], { env: database.env });
    expect(text.status).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toBe(`${email} (${user.id}): 2 live sessions.`);
    expect(lines[1]).toMatch(/^ID +CREATED_AT +LAST_USED_AT +EXPIRES_AT +ADDRESS +USER_AGENT$/);
    expect(text.stdout).toContain("2001:db8:1::/48");
    expect(text.stdout).toContain("203.0.113.0/24");
    // A terminal escape in a user agent is never printed raw.
    expect(text.stdout).toContain("Firefox/140.0 \ufffd[2J");
    expect(text.stdout).not.toContain("\u001b");
    expect(text.stdout).toContain(
      "Tokens without a session (the original service's) work until they expire.",
    );

    const json = await runBinary(["sessions", email, "--json"], { env: database.env });
    const listed = JSON.parse(json.stdout) as {
      total: number;
      sessions: Record<string, unknown>[];
      not_before: string | null;
    };
    expect(listed).toMatchObject({ user: { id: user.id, email }, total: 2, not_before: null });
    expect(listed.sessions[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.any(String),
      last_used_at: expect.any(String),
      expires_at: expect.any(String),
      user_agent: expect.any(String),
      address: expect.any(String),
    });
  });

  it("signs a user out everywhere: every session and every older token without one", async () => {
    const { email, user, tokens } = await signedIn();
    const bystander = await signedIn();
    for (const token of tokens) expect(await works(token)).toBe(true);
    const done = await runBinary(["sign-out", email, "--json"], { env: database.env });
    expect(done.status).toBe(0);
    const result = JSON.parse(done.stdout) as { not_before: string };
    expect(result).toEqual({
      user: { id: user.id, email },
      ended_sessions: 2,
      not_before: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
    });
    for (const token of tokens) expect(await works(token)).toBe(false);
    for (const token of bystander.tokens) expect(await works(token)).toBe(true);

    const listed = await runBinary(["sessions", email], { env: database.env });
    expect(listed.stdout).toBe(
      `${email} (${user.id}): 0 live sessions.\nTokens without a session (the original service's) issued before ${result.not_before} are refused.\n`,
    );
    const text = await runBinary(["sign-out", email], { env: database.env });
    expect(text.stdout).toMatch(
      new RegExp(`^Signed ${email.replace(/\./g, "\\.")} out everywhere: 0 sessions ended; `),
    );
  });

  it("says user_not_found and exits 1 for an unknown email", async () => {
    for (const command of ["sessions", "sign-out"]) {
      expect(await runBinary([command, "nobody@example.com"], { env: database.env })).toEqual({
        status: 1,
        stdout: "",
        stderr: "user_not_found: no user has the email nobody@example.com\n",
      });
    }
  });

  it("says why verify-token refuses a token whose session ended", async () => {
    const { email, tokens } = await signedIn();
    const [first] = tokens;
    await runBinary(["sign-out", email], { env: database.env });
    const json = await runBinary(["verify-token", first ?? "", "--json"], { env: database.env });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      valid: false,
      error: "invalid_token",
      reason: "session ended",
    });
  });
});
