import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PasswordHasher } from "../auth/password-hasher.js";
import type { UserDeps } from "../dependencies.js";
import { depsBackendNames, depsBackends } from "../testing/deps-backends.js";
import { authenticateUser } from "../users/authenticate-user.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { loginUser } from "../users/login-user.js";
import { loginUserInput } from "../users/login-user.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { requestPasswordReset } from "./request-password-reset.js";
import { resetPassword } from "./reset-password.js";

/** The hasher, with every password check answering only once `until` resolves. */
function checksHeldUntil(hasher: PasswordHasher, until: (call: number) => Promise<unknown>) {
  let calls = 0;
  return {
    ...hasher,
    verify: async (password: string, hash: string | null) => {
      const verdict = await hasher.verify(password, hash);
      await until(calls++);
      return verdict;
    },
  };
}

// Issue 19, item 8: a login that checked the old password while a reset ran got a token that
// survived the reset. Every token such a login gets must be refused once the reset answered.

describe.each(depsBackendNames)("a login racing a password reset on %s", (backend) => {
  let deps: UserDeps;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ deps, close } = await depsBackends[backend]());
  });
  afterAll(async () => {
    await close?.();
  });

  const signUpAndRequestReset = async () => {
    const email = `race.${randomUUID()}@example.com`;
    const body = { first_name: "A", last_name: "B", email, password: "old-password" };
    await createUser(parseInput(createUserInput, body), deps);
    const issued = await requestPasswordReset({ email }, deps);
    const reset = () =>
      resetPassword({ email, token: issued?.token ?? "", password: "new-password" }, deps);
    const login = (loginDeps: UserDeps) =>
      loginUser(parseInput(loginUserInput, { email, password: "old-password" }), loginDeps);
    return { reset, login };
  };

  /** The tokens of the logins that succeeded which still authenticate. */
  const survivors = async (logins: PromiseSettledResult<{ jwt_token: string }>[]) => {
    const tokens = logins.flatMap((result) =>
      result.status === "fulfilled" ? [result.value.jwt_token] : [],
    );
    const checks = await Promise.allSettled(
      tokens.map((token) => authenticateUser({ token }, deps)),
    );
    return checks.filter((check) => check.status === "fulfilled").length;
  };

  it("refuses the token of a login whose password check finished after the reset", async () => {
    const { reset, login } = await signUpAndRequestReset();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Settled from the start: a login refused before the reset ends is not an unhandled rejection.
    const racing = Promise.allSettled([
      login({ ...deps, hasher: checksHeldUntil(deps.hasher, () => held) }),
    ]);
    await reset();
    release();
    expect(await survivors(await racing)).toBe(0);
  });

  it("leaves no working token to any of 32 logins checked while the reset runs", async () => {
    const { reset, login } = await signUpAndRequestReset();
    // Their checks finish 40 ms apart, over the reset's wait for a whole second and its writes.
    const staggered = { ...deps, hasher: checksHeldUntil(deps.hasher, (n) => sleep(n * 40)) };
    const logins = Promise.allSettled(Array.from({ length: 32 }, () => login(staggered)));
    await reset();
    expect(await survivors(await logins)).toBe(0);
  }, 30_000);
});
