import { randomUUID } from "node:crypto";
import { createUser, createUserInput, parseInput } from "@otas/core";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { providers, TEST_JWT_SECRET, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

/** A token signed like core's, for any user id. */
function tokenFor(userId: string, secret = TEST_JWT_SECRET): string {
  const iat = Math.floor(Date.now() / 1000);
  return jwt.sign({ user_id: userId, email: "someone@example.com", iat, exp: iat + 3600 }, secret, {
    algorithm: "HS256",
  });
}

describe.each(providers)("otas-users verify-token on %s", (provider) => {
  const database = useCliDatabase(provider);

  it("shows the claims of a valid token whose user exists, and exits 0", async () => {
    const email = `verify.${randomUUID()}@example.com`;
    // Registered through core on the same database, with the secret the CLI is given.
    const { user, jwt_token } = await createUser(
      parseInput(createUserInput, {
        first_name: "Ada",
        last_name: "Lovelace",
        email,
        password: "secret1",
      }),
      database.deps,
    );

    const text = await runBinary(["verify-token", jwt_token], { env: database.env });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`user_id: ${user.id}`);
    expect(text.stdout).toMatch(/exp: +\d+ \(\d{4}-\d\d-\d\dT[\d:.]+Z\)/);
    expect(text.stdout).toMatch(/user: +exists/);

    const json = await runBinary(["verify-token", "-", "--json"], {
      env: database.env,
      stdin: `${jwt_token}\n`,
    });
    expect(json.status).toBe(0);
    const verdict = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(verdict).toMatchObject({
      valid: true,
      user_exists: true,
      claims: { user_id: user.id, email },
    });
    const claims = verdict.claims as { exp: number };
    expect(verdict.expires_at).toBe(new Date(claims.exp * 1000).toISOString());
  });

  it("says invalid_token and exits 1 for a malformed token or one signed with another secret", async () => {
    const text = await runBinary(["verify-token", "not-a-token"], { env: database.env });
    expect(text.status).toBe(1);
    expect(text.stderr).toBe("invalid_token: jwt malformed\n");
    const otherSecret = tokenFor(randomUUID(), "another-secret-of-at-least-32-bytes!!");
    const json = await runBinary(["verify-token", otherSecret, "--json"], { env: database.env });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      valid: false,
      error: "invalid_token",
      reason: "invalid signature",
    });
  });

  it("says user_not_found and exits 1 for a valid token whose user does not exist", async () => {
    const userId = randomUUID();
    const text = await runBinary(["verify-token", tokenFor(userId)], { env: database.env });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/user: +missing/);
    expect(text.stderr).toContain(`user_not_found: no user with id ${userId}`);

    const json = await runBinary(["verify-token", tokenFor(userId), "--json"], {
      env: database.env,
    });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: true,
      user_exists: false,
      error: "user_not_found",
    });
  });
});
