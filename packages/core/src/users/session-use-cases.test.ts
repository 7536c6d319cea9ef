import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { createFakeDeps } from "../testing/fake-deps.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { authenticateUser } from "./authenticate-user.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";
import { loginUser } from "./login-user.js";
import { loginUserInput } from "./login-user.schema.js";
import { updatePassword } from "./update-password.js";
import { updatePasswordInput } from "./update-password.schema.js";
import { updateProfile } from "./update-profile.js";
import { updateProfileInput } from "./update-profile.schema.js";

async function signedUp() {
  const fake = createFakeDeps();
  const created = await createUser(
    parseInput(createUserInput, {
      first_name: "Ada",
      middle_name: "M",
      last_name: "L",
      email: "ada@example.com",
      password: "secret1",
    }),
    fake.deps,
  );
  const login = (body: unknown) => loginUser(parseInput(loginUserInput, body), fake.deps);
  const me = async () => (await authenticateUser({ token: created.jwt_token }, fake.deps)).user;
  return { ...fake, created, login, me };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("loginUser", () => {
  it("logs in with the email trimmed and in any case", async () => {
    const { login, created } = await signedUp();
    const result = await login({ email: "  ADA@example.COM ", password: "secret1" });
    expect(result.user).toEqual(created.user);
  });

  it("prefers Password when it is non-empty", async () => {
    const { login } = await signedUp();
    await expect(
      login({ email: "ada@example.com", password: "wrong!!", Password: "secret1" }),
    ).resolves.toBeDefined();
    await expect(
      login({ email: "ada@example.com", password: "secret1", Password: "" }),
    ).resolves.toBeDefined();
    await expect(
      login({ email: "ada@example.com", password: "secret1", Password: "wrong!!" }),
    ).rejects.toMatchObject({ code: "login_failed", detail: undefined });
  });

  it("answers login_failed for a wrong password and for an unknown email alike", async () => {
    const { login } = await signedUp();
    for (const body of [
      { email: "ada@example.com", password: "secret2" },
      { email: "nobody@example.com", password: "secret1" },
    ]) {
      await expect(login(body)).rejects.toMatchObject({ code: "login_failed", detail: undefined });
    }
  });

  it.each([
    {},
    { email: "a@b.c" },
    { password: "x" },
    { email: 5, password: "secret1" },
    null,
    [1],
    "x",
    undefined,
  ])("parses %j as login_failed", (body) => {
    expect(codeOf(() => parseInput(loginUserInput, body))).toBe("login_failed");
  });
});

describe("authenticateUser", () => {
  it("resolves the token's user", async () => {
    const { me, created } = await signedUp();
    expect((await me()).id).toBe(created.user.id);
  });

  it("answers invalid_token when the user no longer exists", async () => {
    const fake = createFakeDeps();
    const { token } = fake.deps.tokens.issue({
      id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      email: "gone@example.com",
    });
    await expect(authenticateUser({ token }, fake.deps)).rejects.toMatchObject({
      code: "invalid_token",
      logReason: "user no longer exists",
    });
  });
});

describe("updateProfile", () => {
  it("replaces the names, resets an absent middle name, keeps created_at and advances updated_at", async () => {
    const { me, deps, created } = await signedUp();
    const input = parseInput(updateProfileInput, {
      first_name: " Grace ",
      last_name: "Hopper",
      email: "x@y.z",
      id: "nope",
    });
    const { user } = await updateProfile(input, { user: await me() }, deps);
    expect(user).toMatchObject({
      id: created.user.id,
      first_name: "Grace",
      middle_name: "",
      last_name: "Hopper",
      email: "ada@example.com",
    });
    expect(user.created_at).toBe(created.user.created_at);
    expect(user.updated_at > created.user.updated_at).toBe(true);
  });

  it.each([
    [{}, "missing_required_fields"],
    [{ first_name: "A" }, "missing_required_fields"],
    [{ first_name: "  ", last_name: "B" }, "missing_required_fields"],
    [{ first_name: "A", last_name: "\u3000" }, "missing_required_fields"],
    [{ first_name: 1, last_name: "B" }, "invalid_field_type: first_name"],
    [{ first_name: "A", last_name: "B", middle_name: [] }, "invalid_field_type: middle_name"],
    [{ first_name: "A", last_name: "B".repeat(101) }, "field_too_long: last_name"],
    [undefined, "invalid_json"],
    [null, "invalid_body"],
  ])("parses %j as %s", (body, code) => {
    expect(codeOf(() => parseInput(updateProfileInput, body))).toBe(code);
  });
});

describe("updatePassword", () => {
  it("makes the new password work and the old one fail, advancing updated_at", async () => {
    const { me, deps, login, created } = await signedUp();
    const before = await me();
    const caller = await authenticateUser({ token: created.jwt_token }, deps);
    await updatePassword(parseInput(updatePasswordInput, { password: "brand-new" }), caller, deps);
    await expect(login({ email: "ada@example.com", password: "brand-new" })).resolves.toBeDefined();
    await expect(login({ email: "ada@example.com", password: "secret1" })).rejects.toMatchObject({
      code: "login_failed",
    });
    expect((await me()).updatedAt).toBeGreaterThan(before.updatedAt);
  });

  it.each([
    [{}, "missing_password"],
    [{ password: "" }, "missing_password"],
    [{ Password: "secret99" }, "missing_password"],
    [{ password: "12345" }, "password_too_short"],
    [{ password: 123456 }, "invalid_field_type: password"],
    [undefined, "invalid_json"],
    ["x", "invalid_body"],
  ])("parses %j as %s", (body, code) => {
    expect(codeOf(() => parseInput(updatePasswordInput, body))).toBe(code);
  });
});
