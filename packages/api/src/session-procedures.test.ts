import { createFakeDeps } from "@otas/core/testing";
import { describe, expect, it } from "vitest";
import { codeOf } from "../test/code-of.js";
import { appRouter } from "./app-router.js";
import type { Context, RateLimitBucket, SignOutKind } from "./context.js";
import { createCallerFactory } from "./init.js";

const createCaller = createCallerFactory(appRouter);

/** Callers over one set of in-memory dependencies, recording sign-outs and rate-limit counts. */
function setup() {
  const fake = createFakeDeps();
  const signOuts: SignOutKind[] = [];
  const counted: [RateLimitBucket, string | undefined][] = [];
  const caller = (token?: string, userAgent = "test-agent/1") =>
    createCaller({
      deps: fake.deps,
      requestId: "req-1",
      log: { info: () => {}, error: () => {} },
      token,
      client: () => ({ userAgent, address: "198.51.100.7" }),
      onSignOut: (kind) => signOuts.push(kind),
      rateLimit: async (bucket, account) => {
        counted.push([bucket, account]);
        return false;
      },
    } satisfies Context);
  const signUp = async (email: string) => {
    const created = await caller().user.create({
      first_name: "Ada",
      last_name: "L",
      email,
      password: "s3cret",
    });
    const login = async () =>
      (await caller(undefined, "phone/2").user.login({ email, password: "s3cret" })).jwt_token;
    return { token: created.jwt_token, id: created.user.id, login };
  };
  return { caller, signUp, signOuts, counted };
}

describe("the session procedures, called directly", () => {
  it("signs out: the token is refused by every procedure after, other sessions go on", async () => {
    const { caller, signUp, signOuts } = setup();
    const ada = await signUp("ada@example.com");
    const phone = await ada.login();
    expect(await caller(ada.token).user.signOut()).toBeNull();
    for (const call of [
      caller(ada.token).user.me(),
      caller(ada.token).user.authenticate(),
      caller(ada.token).user.update({ first_name: "A", last_name: "B" }),
      caller(ada.token).user.updatePassword({ password: "another1" }),
      caller(ada.token).user.sessions(),
      caller(ada.token).user.signOut(),
      caller(ada.token).user.signOutEverywhere(),
      caller(ada.token).user.endOtherSessions(),
    ]) {
      expect(await codeOf(call)).toBe("invalid_token");
    }
    expect((await caller(phone).user.me()).user.id).toBe(ada.id);
    expect(signOuts).toEqual(["sign_out"]);
  });

  it("lists the caller's sessions and ends them, never another user's", async () => {
    const { caller, signUp, signOuts } = setup();
    const ada = await signUp("ada@example.com");
    const grace = await signUp("grace@example.com");
    const phone = await ada.login();
    const listed = await caller(ada.token).user.sessions();
    expect(listed.total).toBe(2);
    expect(listed.sessions).toEqual([
      expect.objectContaining({ current: true, user_agent: "test-agent/1" }),
      expect.objectContaining({
        current: false,
        user_agent: "phone/2",
        address: "198.51.100.0/24",
      }),
    ]);
    const [graceSession] = (await caller(grace.token).user.sessions()).sessions;
    // Grace's session, from Ada: exactly like a session that does not exist.
    const endGraces = caller(ada.token).user.endSession({ session_id: graceSession?.id ?? "" });
    expect(await codeOf(endGraces)).toBe("session_not_found");
    const unknown = caller(ada.token).user.endSession({
      session_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    });
    expect(await codeOf(unknown)).toBe("session_not_found");
    expect((await caller(grace.token).user.me()).user.id).toBe(grace.id);
    expect(
      await caller(ada.token).user.endSession({ session_id: listed.sessions[1]?.id ?? "" }),
    ).toBeNull();
    expect(await codeOf(caller(phone).user.me())).toBe("invalid_token");
    expect(signOuts).toEqual(["end_session"]);
  });

  it("ends the other sessions and keeps the caller's; signs out everywhere", async () => {
    const { caller, signUp, signOuts } = setup();
    const ada = await signUp("ada@example.com");
    const phones = [await ada.login(), await ada.login()];
    expect(await caller(ada.token).user.endOtherSessions()).toEqual({ ended_sessions: 2 });
    for (const phone of phones) expect(await codeOf(caller(phone).user.me())).toBe("invalid_token");
    const laptop = await ada.login();
    expect(await caller(laptop).user.signOutEverywhere()).toBeNull();
    for (const token of [ada.token, laptop]) {
      expect(await codeOf(caller(token).user.me())).toBe("invalid_token");
    }
    expect(signOuts).toEqual(["end_other_sessions", "sign_out_everywhere"]);
  });

  it("a password change keeps the caller's session and ends the others", async () => {
    const { caller, signUp } = setup();
    const ada = await signUp("ada@example.com");
    const phone = await ada.login();
    expect(await caller(ada.token).user.updatePassword({ password: "brand-new" })).toBeNull();
    expect((await caller(ada.token).user.me()).user.id).toBe(ada.id);
    expect(await codeOf(caller(phone).user.me())).toBe("invalid_token");
  });

  it("counts every session call per address and per account, once the token is good", async () => {
    const { caller, signUp, counted } = setup();
    const ada = await signUp("ada@example.com");
    counted.length = 0;
    expect(await codeOf(caller("not-a-token").user.signOut())).toBe("invalid_token");
    expect(counted).toEqual([]);
    await caller(ada.token).user.sessions();
    await caller(ada.token).user.endOtherSessions();
    await caller(ada.token).user.signOut();
    expect(counted).toEqual([
      ["session", undefined],
      ["session", ada.id],
      ["session", undefined],
      ["session", ada.id],
      ["session", undefined],
      ["session", ada.id],
    ]);
  });

  it("refuses a call over its limit with rate_limited, ending nothing", async () => {
    const fake = createFakeDeps();
    const base = { deps: fake.deps, requestId: "r", log: { info() {}, error() {} } };
    const { jwt_token } = await createCaller({ ...base, token: undefined }).user.create({
      first_name: "A",
      last_name: "B",
      email: "a@b.c",
      password: "s3cret",
    });
    const limited = createCaller({ ...base, token: jwt_token, rateLimit: async () => true });
    expect(await codeOf(limited.user.signOutEverywhere())).toBe("rate_limited");
    const me = await createCaller({ ...base, token: jwt_token }).user.me();
    expect(me.user.email).toBe("a@b.c");
  });
});
