import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUserPassword } from "../admin/set-user-password.js";
import { handMadeToken } from "../auth/hand-made-token.js";
import type { UserDeps } from "../dependencies.js";
import { depsBackendNames, depsBackends } from "../testing/deps-backends.js";
import { authenticateUser } from "../users/authenticate-user.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { loginUser } from "../users/login-user.js";
import { loginUserInput } from "../users/login-user.schema.js";
import { updatePassword } from "../users/update-password.js";
import { updatePasswordInput } from "../users/update-password.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { endOtherSessions } from "./end-other-sessions.js";
import { endSession } from "./end-session.js";
import { endSessionInput } from "./end-session.schema.js";
import { listSessions } from "./list-sessions.js";
import { signOut } from "./sign-out.js";
import { signOutEverywhere } from "./sign-out-everywhere.js";

// The same behaviour on the in-memory fakes and on real SQLite and PostgreSQL.
describe.each(depsBackendNames)("sessions on %s", (backend) => {
  let deps: UserDeps;
  let secret: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ deps, secret, close } = await depsBackends[backend]());
  });
  afterAll(async () => {
    await close?.();
  });

  let counter = 0;
  const firefox = { userAgent: "Firefox/140.0", address: "203.0.113.9" };
  const signUp = async () => {
    counter += 1;
    const email = `sessions.${counter}.${Date.now()}@example.com`;
    const body = { first_name: "Ada", last_name: "L", email, password: "secret1" };
    const { user, jwt_token } = await createUser(parseInput(createUserInput, body), deps, firefox);
    const login = async (client = {}) =>
      (await loginUser(parseInput(loginUserInput, { email, password: "secret1" }), deps, client))
        .jwt_token;
    return { user, email, token: jwt_token, login };
  };
  const caller = (token: string) => authenticateUser({ token }, deps);
  const works = async (token: string) => (await caller(token)).user.id;
  const refusal = async (token: string) => {
    try {
      await caller(token);
    } catch (error) {
      return (error as { code?: string; logReason?: string }).logReason ?? "no reason";
    }
    return "works";
  };
  /** A token of the original service (or of this one before sessions): no `sid`. */
  const sessionless = (user: { id: string; email: string }, secondsAgo = 60) => {
    const iat = Math.floor(deps.now().getTime() / 1000) - secondsAgo;
    return handMadeToken(
      { user_id: user.id, email: user.email, iat, exp: iat + 86_400 },
      { secret },
    );
  };

  it("starts a session per sign-in, keeping its client's agent and network only", async () => {
    const { user, token, login } = await signUp();
    const second = await login({
      userAgent: "curl/8.5\u001b[31m\u0000",
      address: "2001:db8:aaaa:bbbb::1",
    });
    const { sessions, total } = await listSessions(await caller(second), deps);
    expect(total).toBe(2);
    expect(sessions).toEqual([
      expect.objectContaining({
        user_agent: "curl/8.5\ufffd[31m\ufffd",
        address: "2001:db8:aaaa::/48",
        current: true,
      }),
      expect.objectContaining({
        user_agent: "Firefox/140.0",
        address: "203.0.113.0/24",
        current: false,
      }),
    ]);
    const [mine] = sessions;
    expect(mine?.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect((await caller(token)).session.id).toBe(sessions[1]?.id);
    expect(await works(token)).toBe(user.id);
  });

  it("signs one session out: its token is refused, the others keep working", async () => {
    const { user, token, login } = await signUp();
    const other = await login();
    expect(await signOut(await caller(token), deps)).toBeNull();
    expect(await refusal(token)).toBe("session ended");
    expect(await works(other)).toBe(user.id);
  });

  it("signs a token without a session out by its digest, and no other", async () => {
    const { user, login } = await signUp();
    const original = sessionless(user);
    const anotherOriginal = sessionless(user, 120);
    const current = await login();
    await signOut(await caller(original), deps);
    expect(await refusal(original)).toBe("signed out");
    expect(await works(anotherOriginal)).toBe(user.id);
    expect(await works(current)).toBe(user.id);
  });

  it("signs out everywhere: every session and every older token without one, the caller's too", async () => {
    const { user, token, login } = await signUp();
    const other = await login();
    const original = sessionless(user);
    const bystander = await signUp();
    await signOutEverywhere(await caller(other), deps);
    expect(await refusal(token)).toBe("session ended");
    expect(await refusal(other)).toBe("session ended");
    expect(await refusal(original)).toBe("issued before the user's sessions were ended");
    expect(await works(await login())).toBe(user.id);
    expect(await works(bystander.token)).toBe(bystander.user.id);
  });

  it("lists only the caller's live sessions, the current one first and marked", async () => {
    const { token, login } = await signUp();
    const other = await login();
    const stranger = await signUp();
    const listed = await listSessions(await caller(token), deps);
    expect(listed.total).toBe(2);
    expect(listed.sessions.map((session) => session.current)).toEqual([true, false]);
    expect(listed.sessions[1]?.id).toBe((await caller(other)).session.id);
    const strangers = await listSessions(await caller(stranger.token), deps);
    expect(strangers.sessions.map((session) => session.id)).toEqual([
      (await caller(stranger.token)).session.id,
    ]);
  });

  it("ends one of the caller's sessions, and answers another user's exactly like an unknown one", async () => {
    const { user, token, login } = await signUp();
    const other = await login();
    const stranger = await signUp();
    const end = (id: string) =>
      caller(token).then((me) =>
        endSession(parseInput(endSessionInput, { session_id: id }), me, deps),
      );
    const strangersId = (await caller(stranger.token)).session.id;
    await expect(end(strangersId)).rejects.toMatchObject({ code: "session_not_found" });
    await expect(end("7c9e6679-7425-40de-944b-e07fc1f90ae7")).rejects.toMatchObject({
      code: "session_not_found",
    });
    expect(await works(stranger.token)).toBe(stranger.user.id);
    await end((await caller(other)).session.id.toUpperCase());
    expect(await refusal(other)).toBe("session ended");
    expect(await works(token)).toBe(user.id);
  });

  it.each([
    [{}, "missing_fields: session_id"],
    [{ session_id: 7 }, "invalid_field_type: session_id"],
    [{ session_id: "1; DROP TABLE user_sessions" }, "session_not_found"],
    [{ session_id: "" }, "session_not_found"],
  ])("parses the session to end, %j, as %s", (body, message) => {
    expect(() => parseInput(endSessionInput, body)).toThrow(message);
  });

  it("ends the caller's other sessions and tokens without one, keeping the caller's", async () => {
    const { user, token, login } = await signUp();
    const others = [await login(), await login()];
    const original = sessionless(user);
    expect(await endOtherSessions(await caller(token), deps)).toEqual({ ended_sessions: 2 });
    for (const other of others) expect(await refusal(other)).toBe("session ended");
    expect(await refusal(original)).toBe("issued before the user's sessions were ended");
    expect(await works(token)).toBe(user.id);
  });

  it("keeps a caller without a session when it ends the others: it gets one, listed as current", async () => {
    const { user, token, login } = await signUp();
    const original = sessionless(user, 30);
    const anotherOriginal = sessionless(user, 90);
    const me = await caller(original);
    expect(me.session.lastUsedAt).toBeNull();
    await endOtherSessions({ ...me, client: firefox }, deps);
    expect(await works(original)).toBe(user.id);
    expect(await refusal(anotherOriginal)).toBe("issued before the user's sessions were ended");
    expect(await refusal(token)).toBe("session ended");
    const listed = await listSessions(await caller(original), deps);
    expect(listed.sessions).toEqual([
      expect.objectContaining({ id: me.session.id, current: true, user_agent: "Firefox/140.0" }),
    ]);
    // Given a session, it ends like one: signed out from another sign-in.
    const fresh = await login();
    await endSession(
      parseInput(endSessionInput, { session_id: me.session.id }),
      await caller(fresh),
      deps,
    );
    expect(await refusal(original)).toBe("issued before the user's sessions were ended");
  });

  it("a password change ends every other session and keeps the caller's", async () => {
    const { user, token, login } = await signUp();
    const other = await login();
    const original = sessionless(user);
    const input = parseInput(updatePasswordInput, { password: "brand-new" });
    expect(await updatePassword(input, await caller(token), deps)).toBeNull();
    expect(await works(token)).toBe(user.id);
    expect(await refusal(other)).toBe("session ended");
    expect(await refusal(original)).toBe("issued before the user's sessions were ended");
  });

  it("a password change from a token without a session keeps that token, and only it", async () => {
    const { user, token } = await signUp();
    const original = sessionless(user, 30);
    const anotherOriginal = sessionless(user, 90);
    const input = parseInput(updatePasswordInput, { password: "brand-new" });
    await updatePassword(input, await caller(original), deps);
    expect(await works(original)).toBe(user.id);
    expect(await refusal(anotherOriginal)).toBe("issued before the user's sessions were ended");
    expect(await refusal(token)).toBe("session ended");
  });

  it("an operator's password change ends every session of the user", async () => {
    const { user, token, email } = await signUp();
    const original = sessionless(user);
    await setUserPassword({ email, password: "set-by-admin" }, deps);
    expect(await refusal(token)).toBe("session ended");
    expect(await refusal(original)).toBe("issued before the user's sessions were ended");
  });
});
