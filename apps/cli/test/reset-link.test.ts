import { randomUUID } from "node:crypto";
import {
  createUser,
  createUserInput,
  loginUser,
  loginUserInput,
  parseInput,
  resetPassword,
} from "@otas/core";
import { describe, expect, it } from "vitest";
import { providers, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe.each(providers)("otas-users reset-link on %s", (provider) => {
  const database = useCliDatabase(provider);
  const env = () => ({
    ...database.env,
    APP_URL: "https://app.otas.example/",
    RESET_TOKEN_TTL_MINUTES: "30",
  });
  const signUp = async () => {
    const email = `reset.${randomUUID()}@example.com`;
    const body = { first_name: "Ada", last_name: "L", email, password: "secret1" };
    const { jwt_token } = await createUser(parseInput(createUserInput, body), database.deps);
    return { email, token: jwt_token };
  };

  it("prints a fresh link that resets the password, and ends earlier sessions", async () => {
    const { email, token } = await signUp();
    const run = await runBinary(["reset-link", ` ${email.toUpperCase()} `], { env: env() });
    expect(run.status).toBe(0);
    const link = run.stdout.trim();
    expect(run.stdout).toBe(`${link}\n`);
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe("https://app.otas.example/reset-password");
    expect(url.searchParams.get("emailId")).toBe(email);
    expect(run.stderr).toMatch(/^Reset link for .+ works once, until \d{4}-\d\d-\d\dT.+Z;/);

    const input = { email, token: url.searchParams.get("token") ?? "", password: "from-cli" };
    await resetPassword(input, database.deps);
    const login = loginUser(
      parseInput(loginUserInput, { email, password: "from-cli" }),
      database.deps,
    );
    await expect(login).resolves.toBeDefined();
    const verify = await runBinary(["verify-token", token, "--json"], { env: env() });
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      valid: false,
      error: "invalid_token",
      // The sign-up's session, which the reset ended.
      reason: "session ended",
    });
  });

  it("prints JSON, and voids the link it printed before", async () => {
    const { email } = await signUp();
    const first = await runBinary(["reset-link", email], { env: env() });
    const second = await runBinary(["reset-link", email, "--json"], { env: env() });
    expect(second.status).toBe(0);
    const printed = JSON.parse(second.stdout) as Record<string, string>;
    expect(printed).toEqual({
      email,
      user_id: expect.any(String),
      link: expect.stringContaining("https://app.otas.example/reset-password?token="),
      expires_at: expect.any(String),
    });
    const minutes = (Date.parse(printed.expires_at ?? "") - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const stale = new URL(first.stdout.trim()).searchParams.get("token") ?? "";
    await expect(
      resetPassword({ email, token: stale, password: "too-late" }, database.deps),
    ).rejects.toMatchObject({ code: "invalid_or_expired_token" });
  });

  it("says user_not_found or invalid_email_format and exits 1", async () => {
    const unknown = await runBinary(["reset-link", "nobody@example.com"], { env: env() });
    expect(unknown).toMatchObject({
      status: 1,
      stdout: "",
      stderr: "user_not_found: no user with email nobody@example.com\n",
    });
    const invalid = await runBinary(["reset-link", "no-at-sign"], { env: env() });
    expect(invalid).toMatchObject({ status: 1, stderr: "invalid_email_format\n" });
  });
});
