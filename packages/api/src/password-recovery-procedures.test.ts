import { requestPasswordReset } from "@otas/core";
import { createFakeDeps } from "@otas/core/testing";
import { describe, expect, it } from "vitest";
import { codeOf } from "../test/code-of.js";
import { appRouter } from "./app-router.js";
import type { Context, RateLimitBucket } from "./context.js";
import { createCallerFactory } from "./init.js";

const createCaller = createCallerFactory(appRouter);
const quiet = { info: () => {}, error: () => {} };

/** A caller over in-memory dependencies; `recovery: false` turns recovery by email off. */
function setup(options: { recovery?: boolean; limited?: boolean } = {}) {
  const fake = createFakeDeps();
  const mailed: string[] = [];
  const counted: [RateLimitBucket, string | undefined][] = [];
  const context: Context = {
    deps: fake.deps,
    requestId: "req-1",
    log: quiet,
    token: undefined,
    rateLimit: async (bucket, account) => {
      counted.push([bucket, account]);
      return options.limited === true;
    },
    ...(options.recovery === false
      ? {}
      : {
          passwordRecovery: {
            requestMail: async (email: string) => void mailed.push(email),
          },
        }),
  };
  return { ...fake, mailed, counted, caller: createCaller(context) };
}

describe("user.requestPasswordReset", () => {
  it("queues the normalised email and answers null, whether an account has it or not", async () => {
    const { caller, mailed, counted } = setup();
    expect(await caller.user.requestPasswordReset({ emailId: " Nobody@Example.com" })).toBeNull();
    expect(await caller.user.requestPasswordReset({ email: "ada@example.com" })).toBeNull();
    expect(mailed).toEqual(["nobody@example.com", "ada@example.com"]);
    expect(counted).toEqual([
      ["password_reset_request", undefined],
      ["password_reset_mail", "nobody@example.com"],
      ["password_reset_request", undefined],
      ["password_reset_mail", "ada@example.com"],
    ]);
  });

  it("queues nothing when refused", async () => {
    const { caller, mailed } = setup();
    expect(await codeOf(caller.user.requestPasswordReset({}))).toBe("missing_fields: emailId");
    const limited = setup({ limited: true });
    expect(await codeOf(limited.caller.user.requestPasswordReset({ emailId: "a@b.c" }))).toBe(
      "rate_limited",
    );
    expect([...mailed, ...limited.mailed]).toEqual([]);
  });

  it("is not_found while recovery by email is off", async () => {
    const { caller } = setup({ recovery: false });
    expect(await codeOf(caller.user.requestPasswordReset({ emailId: "a@b.c" }))).toBe("not_found");
    expect(
      await codeOf(
        caller.user.resetPassword({ emailId: "a@b.c", token: "t", password: "secret1" }),
      ),
    ).toBe("not_found");
  });
});

describe("user.resetPassword", () => {
  it("sets the password with a token, once, counted per address and per account", async () => {
    const { caller, deps, counted } = setup();
    const { user } = await caller.user.create({
      first_name: "Ada",
      last_name: "L",
      email: "ada@example.com",
      password: "secret1",
    });
    const issued = await requestPasswordReset({ email: "ada@example.com" }, deps);
    const body = { emailId: "ADA@example.com", token: issued?.token ?? "", password: "brand-new" };
    counted.length = 0;
    expect(await caller.user.resetPassword(body)).toBeNull();
    expect(counted).toEqual([
      ["password_reset", undefined],
      ["password_reset", "ada@example.com"],
    ]);
    const login = await caller.user.login({ email: "ada@example.com", password: "brand-new" });
    expect(login.user.id).toBe(user.id);
    expect(await codeOf(caller.user.resetPassword(body))).toBe("invalid_or_expired_token");
    expect(await codeOf(caller.user.resetPassword({ ...body, password: "short" }))).toBe(
      "password_too_short",
    );
  });
});
