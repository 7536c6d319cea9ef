import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/open-database.js";
import type { UserDeps } from "../dependencies.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { authenticateUser } from "../users/authenticate-user.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { loginUser } from "../users/login-user.js";
import { loginUserInput } from "../users/login-user.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { resetPassword } from "./reset-password.js";
import { resetTokenDigest } from "./reset-token.js";

describe.each(["sqlite", "postgresql"] as const)("password reset on %s", (provider) => {
  let opened: TestDeps;
  let database: Database;
  let deps: UserDeps;
  beforeAll(async () => {
    opened = await openTestDeps(provider, {
      appUrl: "https://app.otas.example/",
      resetTokenTtlMinutes: 5,
    });
    ({ database, deps } = opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const signUp = async () => {
    const email = `reset.${randomUUID()}@example.com`;
    const { user, jwt_token } = await createUser(
      parseInput(createUserInput, { first_name: "A", last_name: "B", email, password: "secret1" }),
      deps,
    );
    return { user, email, token: jwt_token };
  };

  it("resets with the issued token, stores only digests, and ends earlier sessions", async () => {
    const { user, email, token } = await signUp();
    const issued = await requestPasswordReset({ email }, deps);
    expect(issued?.link).toBe(
      `https://app.otas.example/reset-password?token=${issued?.token}&emailId=${encodeURIComponent(email)}`,
    );
    const rows = await (await database.prisma()).passwordResetToken.findMany({
      where: { userId: user.id },
    });
    expect(rows).toEqual([
      expect.objectContaining({ tokenDigest: resetTokenDigest(issued?.token ?? ""), usedAt: null }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(issued?.token);
    const [row] = rows;
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(5 * 60_000);

    await resetPassword({ email, token: issued?.token ?? "", password: "brand-new" }, deps);
    await expect(authenticateUser({ token }, deps)).rejects.toMatchObject({
      code: "invalid_token",
    });
    const login = await loginUser(
      parseInput(loginUserInput, { email, password: "brand-new" }),
      deps,
    );
    expect((await authenticateUser({ token: login.jwt_token }, deps)).user.id).toBe(user.id);
    const used = await (await database.prisma()).passwordResetToken.findUnique({
      where: { userId: user.id },
    });
    expect(used?.usedAt).not.toBeNull();
    const cutoff = await deps.cutoffs.notBefore(user.id);
    expect(cutoff?.getTime()).toBeGreaterThan(0);
    expect((cutoff?.getTime() ?? 1) % 1000).toBe(0);
  });

  it("lets exactly one of two concurrent resets with one token through", async () => {
    const { email } = await signUp();
    const issued = await requestPasswordReset({ email }, deps);
    const attempt = (password: string) =>
      resetPassword({ email, token: issued?.token ?? "", password }, deps);
    const results = await Promise.allSettled([attempt("first-new"), attempt("second-new")]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("keeps one token per user, and drops it (and the cut-off) with the user", async () => {
    const { user, email } = await signUp();
    await requestPasswordReset({ email }, deps);
    await requestPasswordReset({ email }, deps);
    expect(
      await (await database.prisma()).passwordResetToken.count({ where: { userId: user.id } }),
    ).toBe(1);
    await deps.cutoffs.endSessionsBefore(user.id, new Date("2026-01-01T00:00:00Z"));
    // Its reset token and session cut-off do not stop the administrators' delete: they cascade.
    expect(await deps.users.delete(user.id)).toBe("deleted");
    expect(
      await (await database.prisma()).passwordResetToken.count({ where: { userId: user.id } }),
    ).toBe(0);
    expect(await deps.cutoffs.notBefore(user.id)).toBeNull();
  });
});
