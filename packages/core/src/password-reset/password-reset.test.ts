import { describe, expect, it } from "vitest";
import { handMadeToken } from "../auth/hand-made-token.js";
import { createFakeDeps } from "../testing/fake-deps.js";
import { authenticateUser } from "../users/authenticate-user.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { loginUser } from "../users/login-user.js";
import { loginUserInput } from "../users/login-user.schema.js";
import { updatePassword } from "../users/update-password.js";
import { updatePasswordInput } from "../users/update-password.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { requestPasswordResetInput } from "./request-password-reset.schema.js";
import { resetPassword } from "./reset-password.js";
import { resetPasswordInput } from "./reset-password.schema.js";
import { resetTokenDigest } from "./reset-token.js";

/** A refusal with the one code the client sees, and the reason only the log gets. */
const refused = (logReason: string) => ({ code: "invalid_or_expired_token", logReason });

async function setup() {
  const fake = createFakeDeps();
  const signUp = (email: string) =>
    createUser(
      parseInput(createUserInput, {
        first_name: "Ada",
        last_name: "L",
        email,
        password: "secret1",
      }),
      fake.deps,
    );
  const ada = await signUp("ada@example.com");
  const request = (emailId: string) =>
    requestPasswordReset(parseInput(requestPasswordResetInput, { emailId }), fake.deps);
  const reset = (body: Record<string, unknown>) =>
    resetPassword(parseInput(resetPasswordInput, body), fake.deps);
  const login = (password: string) =>
    loginUser(parseInput(loginUserInput, { email: "ada@example.com", password }), fake.deps);
  const authenticate = (token: string) => authenticateUser({ token }, fake.deps);
  return { ...fake, signUp, ada, request, reset, login, authenticate };
}

describe("requestPasswordReset", () => {
  it("issues a 32-byte base64url token, stores only its digest, and builds the web app's link", async () => {
    const { request, resetTokens, ada } = await setup();
    const issued = await request("  ADA@example.com ");
    expect(issued?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued?.token ?? "", "base64url")).toHaveLength(32);
    expect(issued?.link).toBe(
      `http://localhost:5173/reset-password?token=${issued?.token}&emailId=ada%40example.com`,
    );
    expect(issued?.expiresAt.toISOString()).toBe("2026-04-16T11:00:00.123Z");
    const [stored] = resetTokens.all();
    expect(stored).toMatchObject({ userId: ada.user.id, usedAt: null });
    expect(stored?.tokenDigest).toBe(resetTokenDigest(issued?.token ?? ""));
    expect(JSON.stringify(resetTokens.all())).not.toContain(issued?.token);
  });

  it("answers null for an unknown email and stores nothing", async () => {
    const { request, resetTokens } = await setup();
    expect(await request("nobody@example.com")).toBeNull();
    expect(resetTokens.all()).toEqual([]);
  });
});

describe("resetPassword", () => {
  it("sets the new password once; the token then works no more", async () => {
    const { request, reset, login } = await setup();
    const issued = await request("ada@example.com");
    const body = { emailId: "ada@example.com", token: issued?.token, password: "brand-new" };
    expect(await reset(body)).toBeNull();
    await expect(login("brand-new")).resolves.toBeDefined();
    await expect(login("secret1")).rejects.toMatchObject({ code: "login_failed" });
    await expect(reset({ ...body, password: "again-new" })).rejects.toMatchObject(
      refused("token already used"),
    );
    await expect(login("brand-new")).resolves.toBeDefined();
  });

  it("refuses an expired token, and accepts it until then", async () => {
    const { request, reset, advanceClock } = await setup();
    const first = await request("ada@example.com");
    advanceClock(60 * 60_000 - 2000);
    const body = { emailId: "ada@example.com", password: "brand-new" };
    await expect(reset({ ...body, token: first?.token })).resolves.toBeNull();
    const second = await request("ada@example.com");
    advanceClock(60 * 60_000);
    await expect(reset({ ...body, token: second?.token })).rejects.toMatchObject(
      refused("token expired"),
    );
  });

  it("refuses a forged token, another account's token, and an older token after a newer request", async () => {
    const { request, reset, signUp } = await setup();
    await signUp("grace@example.com");
    const older = await request("ada@example.com");
    const newer = await request("ada@example.com");
    const grace = await request("grace@example.com");
    const ada = (token: string | undefined) => ({
      emailId: "ada@example.com",
      token,
      password: "brand-new",
    });
    await expect(reset(ada("A".repeat(43)))).rejects.toMatchObject(refused("unknown token"));
    await expect(reset(ada(grace?.token))).rejects.toMatchObject(
      refused("token of another account"),
    );
    await expect(reset(ada(older?.token))).rejects.toMatchObject(refused("unknown token"));
    await expect(reset(ada(newer?.token))).resolves.toBeNull();
  });

  it("refuses a token once the password changed by another route", async () => {
    const { request, reset, authenticate, ada, deps } = await setup();
    const issued = await request("ada@example.com");
    await updatePassword(
      parseInput(updatePasswordInput, { password: "changed-1" }),
      await authenticate(ada.jwt_token),
      deps,
    );
    await expect(
      reset({ emailId: "ada@example.com", token: issued?.token, password: "brand-new" }),
    ).rejects.toMatchObject(refused("password changed since the token was issued"));
  });

  it("ends every session, and every token without one issued before the reset, even in the same second; new ones work", async () => {
    const { request, reset, login, authenticate, ada, deps, advanceClock, secret } = await setup();
    // 10:00:00.123: a session, a token of the original service, then the reset in that second.
    const before = (await login("secret1")).jwt_token;
    const original = sessionlessToken(secret, ada.user.id, deps.now());
    advanceClock(500);
    const issued = await request("ada@example.com");
    await reset({ emailId: "ada@example.com", token: issued?.token, password: "brand-new" });
    // The reset waited for the next whole second, and answered there.
    expect(deps.now().toISOString()).toBe("2026-04-16T10:00:01.000Z");
    for (const token of [ada.jwt_token, before]) {
      await expect(authenticate(token)).rejects.toMatchObject({
        code: "invalid_token",
        logReason: "session ended",
      });
    }
    await expect(authenticate(original)).rejects.toMatchObject({
      code: "invalid_token",
      logReason: "issued before the user's sessions were ended",
    });
    const after = (await login("brand-new")).jwt_token;
    expect((await authenticate(after)).user.id).toBe(ada.user.id);
  });

  it("refuses iat one second before the cut-off and accepts iat at it", async () => {
    const { request, reset, authenticate, ada, deps, secret } = await setup();
    const issued = await request("ada@example.com");
    await reset({ emailId: "ada@example.com", token: issued?.token, password: "brand-new" });
    const cutoff = Date.parse("2026-04-16T10:00:01Z") / 1000;
    const tokenAt = (iat: number) => sessionlessToken(secret, ada.user.id, new Date(iat * 1000));
    expect(deps.now().getTime() / 1000).toBe(cutoff);
    await expect(authenticate(tokenAt(cutoff - 1))).rejects.toMatchObject({
      code: "invalid_token",
    });
    expect((await authenticate(tokenAt(cutoff))).user.id).toBe(ada.user.id);
  });
});

/** A token as the original service (or this one before sessions) issued it: no `sid`. */
function sessionlessToken(secret: string, userId: string, issuedAt: Date): string {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return handMadeToken(
    { user_id: userId, email: "ada@example.com", iat, exp: iat + 30 * 86_400 },
    { secret },
  );
}
