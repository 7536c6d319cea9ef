import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { batchPerTurn } from "./batch-per-turn.js";

/** A load over `table` that records the keys of each call. */
function recordingLoad(table: Record<string, number>) {
  const calls: string[][] = [];
  const load = async (keys: string[]) => {
    calls.push(keys);
    return new Map(keys.filter((key) => key in table).map((key) => [key, table[key] as number]));
  };
  return { calls, load };
}

describe("batchPerTurn", () => {
  it("loads the keys asked for in one turn together, each key once", async () => {
    const { calls, load } = recordingLoad({ a: 1, b: 2 });
    const find = batchPerTurn(load);
    const answers = await Promise.all([find("a"), find("b"), find("a"), find("missing")]);
    expect(answers).toEqual([1, 2, 1, undefined]);
    expect(calls).toEqual([["a", "b", "missing"]]);
  });

  it("loads again in a later turn, never answering from an earlier load", async () => {
    const table: Record<string, number> = { a: 1 };
    const { calls, load } = recordingLoad(table);
    const find = batchPerTurn(load);
    expect(await find("a")).toBe(1);
    table.a = 2;
    await nextTurn();
    expect(await find("a")).toBe(2);
    expect(calls).toEqual([["a"], ["a"]]);
  });

  it("splits a batch above its bound", async () => {
    const { calls, load } = recordingLoad({ a: 1, b: 2, c: 3 });
    const find = batchPerTurn(load, 2);
    expect(await Promise.all([find("a"), find("b"), find("c")])).toEqual([1, 2, 3]);
    expect(calls).toEqual([["a", "b"], ["c"]]);
  });

  it("fails every ask of a failed load with its error, and the next turn loads afresh", async () => {
    let fail = true;
    const find = batchPerTurn(async (keys) => {
      if (fail) throw new Error("connection lost");
      return new Map(keys.map((key) => [key, key.length]));
    });
    const asks = [find("a"), find("bb")];
    for (const ask of asks) await expect(ask).rejects.toThrow("connection lost");
    fail = false;
    expect(await find("bb")).toBe(2);
  });

  it("fails the asks of a load that throws before it returns a promise", async () => {
    const find = batchPerTurn<number>(() => {
      throw new Error("no connection");
    });
    await expect(find("a")).rejects.toThrow("no connection");
  });
});
