import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { batchPerTurn } from "../db/batch-per-turn.js";
import { openDatabase } from "../db/open-database.js";
import { sql } from "../db/sql-client.js";
import { createSessionActivity } from "../sessions/session-activity.js";
import {
  boundedWaitMs,
  currentDeadline,
  Deadline,
  runWithDeadline,
  TimeLimitError,
} from "./deadline.js";
import { isTimeLimitFailure } from "./time-limit-failure.js";

const silentLog = { error: () => {}, warn: () => {}, info: () => {} };

describe("Deadline", () => {
  it("cuts a wait to the time left, and refuses one once it has passed", async () => {
    expect(boundedWaitMs(5000)).toBe(5000);
    const deadline = new Deadline(60_000);
    runWithDeadline(deadline, () => {
      expect(boundedWaitMs(5000)).toBe(5000);
      expect(boundedWaitMs(120_000)).toBeLessThanOrEqual(60_000);
    });
    deadline.expire();
    expect(() => runWithDeadline(deadline, () => boundedWaitMs(5000))).toThrow(TimeLimitError);
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

  it("keeps shared background work out of the request that started it", async () => {
    const seen: Array<Deadline | undefined> = [];
    const find = batchPerTurn(async (keys) => {
      seen.push(currentDeadline());
      return new Map(keys.map((key) => [key, key]));
    });
    const activity = createSessionActivity({
      sessions: { markUsed: async () => void seen.push(currentDeadline()) },
      now: () => new Date(),
      log: silentLog,
      writeDelayMs: 10,
    });
    const deadline = new Deadline(60_000);
    await runWithDeadline(deadline, async () => {
      expect(await find("a")).toBe("a");
      activity.seen({
        id: "s",
        tokenDigest: null,
        issuedAt: new Date(0),
        expiresAt: new Date(Date.now() + 60_000),
        lastUsedAt: new Date(0),
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([undefined, undefined]);
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
      const error = await runWithDeadline(deadline, () =>
        database.sql.execute(sql`INSERT INTO t VALUES (1)`),
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TimeLimitError);
      expect(isTimeLimitFailure(error)).toBe(true);
      expect(await database.sql.query(sql`SELECT x FROM t`)).toEqual([]);
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
