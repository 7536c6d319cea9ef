import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { MessageChannel } from "../cluster/channel.js";
import { answerRateLimitHits, primaryRateLimitStore } from "./primary-rate-limit-store.js";
import { memoryRateLimitStore } from "./rate-limit-store.js";

/**
 * Two ends of an IPC-like channel: what one sends, the other receives as a "message" event, on
 * a later tick and as a structured copy, like node:cluster's channel.
 */
function channelPair(): [MessageChannel, MessageChannel] {
  const left = new EventEmitter();
  const right = new EventEmitter();
  const end = (self: EventEmitter, other: EventEmitter): MessageChannel => ({
    send: (message) => setImmediate(() => other.emit("message", structuredClone(message))),
    on: (event, listener) => self.on(event, listener),
  });
  return [end(left, right), end(right, left)];
}

describe("rate-limit counters kept in the primary", () => {
  it("counts the hits of every worker together, per key", async () => {
    const counters = memoryRateLimitStore();
    const workers = [channelPair(), channelPair()].map(([workerEnd, primaryEnd]) => {
      answerRateLimitHits(primaryEnd, counters);
      return primaryRateLimitStore(workerEnd);
    });
    const [a, b] = workers;
    if (a === undefined || b === undefined) throw new Error("two workers expected");
    const hits = await Promise.all([
      a.hit("k", 60_000),
      b.hit("k", 60_000),
      a.hit("k", 60_000),
      b.hit("other", 60_000),
    ]);
    expect(hits.map((hit) => hit.count).sort()).toEqual([1, 1, 2, 3]);
    expect((await b.hit("k", 60_000)).count).toBe(4);
    expect((await a.hit("k", 60_000)).resetInMs).toBeLessThanOrEqual(60_000);
  });

  it("ignores messages that are not its own", async () => {
    const [workerEnd, primaryEnd] = channelPair();
    answerRateLimitHits(primaryEnd, memoryRateLimitStore());
    const store = primaryRateLimitStore(workerEnd);
    primaryEnd.send({ type: "prom-client:getMetricsReq", id: 1 });
    primaryEnd.send({ type: "otas:rate-limit-count", id: 999, count: 50, resetInMs: 1 });
    expect((await store.hit("k", 1000)).count).toBe(1);
  });
});
