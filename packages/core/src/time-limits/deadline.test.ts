import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.js";
import { sql } from "../db/sql-client.js";
import { instantParam } from "../db/sql-instant.js";
import { tokenSessionKey } from "../sessions/session-id.js";
import { openTestDeps } from "../testing/test-deps.js";
import { createUser } from "../users/create-user.js";
import { boundedWaitMs, Deadline, TimeLimitError } from "./deadline.js";
import { isTimeLimitFailure } from "./time-limit-failure.js";

describe("Deadline", () => {
  it("cuts a wait to the time left, and refuses one once it has passed", async () => {
    expect(boundedWaitMs(5000, undefined)).toBe(5000);
    const deadline = new Deadline(60_000);
    expect(boundedWaitMs(5000, deadline)).toBe(5000);
    expect(boundedWaitMs(120_000, deadline)).toBeLessThanOrEqual(60_000);
    deadline.expire();
    expect(() => boundedWaitMs(5000, deadline)).toThrow(TimeLimitError);
  });

  it("tells when the work it tracks has settled", async () => {
    const deadline = new Deadline(60_000);
    let finish = () => {};
    const work = deadline.track(() => new Promise<void>((resolve) => (finish = resolve)));
    let settled = false;
    void deadline.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    finish();
    await work;
    await deadline.settled();
    expect(settled).toBe(true);
  });
});

describe("a database statement under a passed deadline", () => {
  it("is refused on SQLite and changes nothing", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "otas-deadline-"));
    const database = await openDatabase(`file:${path.join(dir, "t.db")}`);
    try {
      await database.sql.execute(sql`CREATE TABLE t (x INTEGER)`);
      const deadline = new Deadline(60_000);
      deadline.expire();
      const error = await database.sql
        .under(deadline)
        .execute(sql`INSERT INTO t VALUES (1)`)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TimeLimitError);
      expect(isTimeLimitFailure(error)).toBe(true);
      expect(await database.sql.query(sql`SELECT x FROM t`)).toEqual([]);
      // The client it was bound from is not: the same write goes through.
      expect(await database.sql.execute(sql`INSERT INTO t VALUES (2)`)).toBe(1);
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(["sqlite", "postgresql"] as const)("a call's dependencies on %s", (provider) => {
  it("run its database work under its deadline, and the shared work outside it", async () => {
    const { database, deps, close } = await openTestDeps(provider);
    try {
      const { jwt_token: token } = await createUser(
        {
          first_name: "D",
          middle_name: null,
          last_name: "L",
          email: "deadline@example.com",
          password: "secret-pw",
        },
        deps,
      );
      const claims = deps.verifier.verify(token);
      const key = tokenSessionKey(token, claims.sid);
      const deadline = new Deadline(60_000);
      const call = deps.under?.(deadline);
      if (call === undefined) throw new Error("the production dependencies bind to a deadline");

      // Tracked while in flight: the deadline's answer waits for it.
      let settled = false;
      const found = call.users.findById(claims.user_id);
      void deadline.settled().then(() => (settled = true));
      expect((await found)?.email).toBe("deadline@example.com");
      await deadline.settled();
      expect(settled).toBe(true);

      deadline.expire();
      for (const refused of [
        call.users.findById(claims.user_id),
        call.sessions.endAll(claims.user_id),
      ]) {
        expect(await refused.catch((error: unknown) => error)).toBeInstanceOf(TimeLimitError);
      }
      // Nothing was ended, and the process's own dependencies are not bound to the call's.
      expect(await deps.sessionUsers.find(claims.user_id, key)).toMatchObject({
        session: { expiresAt: expect.any(Date) },
      });

      // The sessions' last-use writes are shared: one the call started is written after its
      // deadline passed.
      const longAgo = new Date(Date.UTC(2020, 0, 1));
      await database.sql.execute(
        sql`UPDATE user_sessions SET last_used_at = ${instantParam(database.sql, longAgo)}`,
      );
      expect(call.sessionActivity).toBe(deps.sessionActivity);
      call.sessionActivity.seen({
        id: key.sessionId,
        tokenDigest: null,
        issuedAt: new Date(claims.iat * 1000),
        expiresAt: new Date(claims.exp * 1000),
        lastUsedAt: longAgo,
      });
      await deps.sessionActivity.flush();
      const after = await deps.sessionUsers.find(claims.user_id, key);
      expect(after?.session?.lastUsedAt.getTime()).toBeGreaterThan(longAgo.getTime());
    } finally {
      await close();
    }
  });
});
