import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDeps } from "../dependencies.js";
import { depsBackendNames, depsBackends } from "../testing/deps-backends.js";
import { authenticateUser } from "../users/authenticate-user.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { SESSION_USE_INTERVAL_MS, type SessionRecord } from "./session.js";
import { createSessionActivity } from "./session-activity.js";
import { sweepExpiredSessions } from "./sweep-expired-sessions.js";

const MINUTE = 60_000;

describe.each(depsBackendNames)("keeping sessions on %s", (backend) => {
  let deps: UserDeps;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ deps, close } = await depsBackends[backend]());
  });
  afterAll(async () => {
    await close?.();
  });

  let counter = 0;
  const signUp = async () => {
    counter += 1;
    const email = `keeping.${counter}.${Date.now()}@example.com`;
    const body = { first_name: "A", last_name: "B", email, password: "secret1" };
    return createUser(parseInput(createUserInput, body), deps);
  };
  const sessionAt = (userId: string, createdAt: Date, expiresAt: Date): SessionRecord => ({
    id: randomUUID(),
    userId,
    createdAt,
    expiresAt,
    lastUsedAt: createdAt,
    userAgent: null,
    clientAddress: null,
  });

  it("sweeps expired sessions and sign-out records in bounded batches, leaving live ones", async () => {
    const { user } = await signUp();
    const now = deps.now();
    const past = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
    for (let i = 0; i < 25; i += 1) {
      await deps.sessions.keep(sessionAt(user.id, past(120), past(60 - i)));
      await deps.sessions.revokeToken({
        tokenDigest: `${i}`.padStart(64, "e"),
        userId: user.id,
        expiresAt: past(60 - i),
      });
    }
    const liveBefore = await deps.sessions.countLive(now);
    const limits = { batchSize: 10, batches: 2 };
    // Two batches of ten per table: five of each are left for the next sweep.
    expect(await sweepExpiredSessions(limits, deps)).toEqual({ sessions: 20, revocations: 20 });
    expect(await sweepExpiredSessions(limits, deps)).toEqual({ sessions: 5, revocations: 5 });
    expect(await sweepExpiredSessions(limits, deps)).toEqual({ sessions: 0, revocations: 0 });
    expect(await deps.sessions.countLive(now)).toBe(liveBefore);
    expect((await deps.sessions.listLive(user.id, now, 100, "")).total).toBe(1);
  });

  it("counts live sessions of every user", async () => {
    const now = deps.now();
    const before = await deps.sessions.countLive(now);
    const { user } = await signUp();
    await signUp();
    await deps.sessions.keep(sessionAt(user.id, now, new Date(now.getTime() - 1)));
    expect(await deps.sessions.countLive(now)).toBe(before + 2);
  });

  it("refuses a token whose session expired, though the token itself has not", async () => {
    const { user, jwt_token } = await signUp();
    const { session } = await authenticateUser({ token: jwt_token }, deps);
    await deps.sessions.end(user.id, session.id);
    const expired = sessionAt(user.id, deps.now(), new Date(deps.now().getTime() - 1));
    await deps.sessions.keep({ ...expired, id: session.id });
    await expect(authenticateUser({ token: jwt_token }, deps)).rejects.toMatchObject({
      code: "invalid_token",
      logReason: "session expired",
    });
  });

  it("marks a session used at most once per interval, off the request, in one write", async () => {
    const { jwt_token } = await signUp();
    const writes: string[][] = [];
    const activity = createSessionActivity({
      sessions: {
        markUsed: async (ids, at, staleBefore) => {
          writes.push([...ids]);
          await deps.sessions.markUsed(ids, at, staleBefore);
        },
      },
      now: () => new Date(deps.now().getTime() + SESSION_USE_INTERVAL_MS + MINUTE),
      log: { info() {}, error() {} },
      writeDelayMs: 60_000,
    });
    const { session } = await authenticateUser({ token: jwt_token }, deps);
    // Used just now: nothing to write.
    createSessionActivity({ ...deps, log: deps.log, writeDelayMs: 0 }).seen(session);
    // Six minutes later, as `activity` sees it: due, written once however often it is seen.
    for (let i = 0; i < 3; i += 1) activity.seen(session);
    expect(writes).toEqual([]);
    await activity.flush();
    expect(writes).toEqual([[session.id]]);
    const after = await authenticateUser({ token: jwt_token }, deps);
    expect(after.session.lastUsedAt?.getTime()).toBeGreaterThan(
      (session.lastUsedAt?.getTime() ?? 0) + SESSION_USE_INTERVAL_MS,
    );
    // Seen again within the interval of the new mark: nothing more.
    await activity.flush();
    expect(writes).toEqual([[session.id]]);
  });
});
