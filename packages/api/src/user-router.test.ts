import { createFakeDeps } from "@otas/core/testing";
import { describe, expect, it } from "vitest";
import { codeOf } from "../test/code-of.js";
import { appRouter } from "./app-router.js";
import type { Context } from "./context.js";
import { createCallerFactory } from "./init.js";

const createCaller = createCallerFactory(appRouter);

/** A caller over in-memory dependencies, logging into `lines`. */
function setup() {
  const fake = createFakeDeps();
  const lines: { level: string; details: object; message: string }[] = [];
  const log = {
    info: (details: object, message: string) => lines.push({ level: "info", details, message }),
    error: (details: object, message: string) => lines.push({ level: "error", details, message }),
  };
  const context = (token?: string): Context => ({
    deps: fake.deps,
    requestId: "req-1",
    log,
    token,
  });
  return { ...fake, lines, caller: (token?: string) => createCaller(context(token)) };
}

const ada = {
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.com",
  password: "s3cret",
};

describe("the user procedures, called directly", () => {
  it("registers, then acts for the user with the token it got", async () => {
    const { caller } = setup();
    const created = await caller().user.create(ada);
    const me = await caller(created.jwt_token).user.me();
    expect(me.user).toEqual(created.user);
    const edited = await caller(created.jwt_token).user.update({
      first_name: "Grace",
      last_name: "Hopper",
    });
    expect(edited.user).toMatchObject({ first_name: "Grace", middle_name: "" });
    expect(await caller(created.jwt_token).user.updatePassword({ password: "n3w-secret" })).toBe(
      null,
    );
    const login = await caller().user.login({ email: " ADA@example.com", password: "n3w-secret" });
    expect(login.user.id).toBe(created.user.id);
  });

  it("checks the token before the input", async () => {
    const { caller } = setup();
    expect(await codeOf(caller().user.update({} as never))).toBe("missing_token");
    expect(await codeOf(caller("nope").user.update({} as never))).toBe("invalid_token");
  });

  it("reports the contract's codes, with their detail", async () => {
    const { caller } = setup();
    await caller().user.create(ada);
    expect(await codeOf(caller().user.create({} as never))).toBe(
      "missing_fields: first_name, last_name, email, password",
    );
    expect(await codeOf(caller().user.create(ada))).toBe("user_already_exists");
    expect(
      await codeOf(caller().user.login({ email: "ada@example.com", password: "wrong!" })),
    ).toBe("login_failed");
  });

  it("counts rate-limited procedures once their input has parsed, and only then", async () => {
    const { deps } = setup();
    const buckets: string[] = [];
    const limited = createCaller({
      deps,
      requestId: "req-2",
      log: { info: () => {}, error: () => {} },
      token: undefined,
      rateLimit: async (bucket) => {
        buckets.push(bucket);
        return true;
      },
    });
    // Input that does not parse is refused for itself, at no hashing cost, and counts nothing.
    expect(await codeOf(limited.user.create({} as never))).toMatch(/^missing_fields/);
    expect(await codeOf(limited.user.login({} as never))).toBe("login_failed");
    expect(buckets).toEqual([]);
    expect(await codeOf(limited.user.create(ada))).toBe("rate_limited");
    expect(await codeOf(limited.user.login({ email: "ada@example.com", password: "wrong!" }))).toBe(
      "rate_limited",
    );
    expect(buckets).toEqual(["create", "login"]);
  });

  it("hides an unexpected failure behind server_error and logs it with the request id", async () => {
    const { caller, deps, lines } = setup();
    deps.users.findCredentialsByEmail = async () => {
      throw new Error("connection refused");
    };
    expect(await codeOf(caller().user.login({ email: "a@b.c", password: "secret" }))).toBe(
      "server_error",
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: "error",
        message: "unexpected failure",
        details: expect.objectContaining({ reference: "req-1" }),
      }),
    ]);
  });

  it("tells the context about unexpected failures only, with their cause", async () => {
    const { deps } = setup();
    const outage = new Error("connection refused");
    deps.users.findCredentialsByEmail = async () => {
      throw outage;
    };
    const seen: unknown[] = [];
    const caller = createCaller({
      deps,
      requestId: "req-2",
      log: { info: () => {}, error: () => {} },
      token: undefined,
      onUnexpectedFailure: (error) => seen.push(error),
    });
    expect(await codeOf(caller.user.create({} as never))).toBe(
      "missing_fields: first_name, last_name, email, password",
    );
    expect(seen).toEqual([]);
    expect(await codeOf(caller.user.login({ email: "a@b.c", password: "secret" }))).toBe(
      "server_error",
    );
    expect(seen).toEqual([outage]);
  });
});
