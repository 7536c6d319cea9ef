import type { MessageChannel } from "../cluster/channel.js";
import type { RateLimitHit, RateLimitStore } from "./rate-limit-store.js";

/** A worker asks the primary to count a hit. */
export interface RateLimitHitRequest {
  type: "otas:rate-limit-hit";
  id: number;
  key: string;
  windowMs: number;
}

/** The primary's answer to a {@link RateLimitHitRequest} with the same id. */
export interface RateLimitHitAnswer extends RateLimitHit {
  type: "otas:rate-limit-count";
  id: number;
}

function isMessage<T extends { type: string }>(message: unknown, type: T["type"]): message is T {
  return typeof message === "object" && message !== null && (message as T).type === type;
}

/**
 * The worker's side: counters kept in the primary's memory and asked for over the cluster's IPC
 * channel, so every worker of the machine counts together (20 allowed in total, not 20 each).
 * One message each way per hit; only password-hashing calls are counted, which bcrypt makes
 * far slower than a message.
 */
export function primaryRateLimitStore(primary: MessageChannel): RateLimitStore {
  let lastId = 0;
  const pending = new Map<number, (hit: RateLimitHit) => void>();
  primary.on("message", (message) => {
    if (!isMessage<RateLimitHitAnswer>(message, "otas:rate-limit-count")) return;
    pending.get(message.id)?.({ count: message.count, resetInMs: message.resetInMs });
    pending.delete(message.id);
  });
  return {
    hit(key, windowMs) {
      lastId += 1;
      const id = lastId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        primary.send({
          type: "otas:rate-limit-hit",
          id,
          key,
          windowMs,
        } satisfies RateLimitHitRequest);
      });
    },
  };
}

/** The primary's side: answers one worker's hits from `store`, which all workers share. */
export function answerRateLimitHits(worker: MessageChannel, store: RateLimitStore): void {
  worker.on("message", (message) => {
    if (!isMessage<RateLimitHitRequest>(message, "otas:rate-limit-hit")) return;
    void store.hit(message.key, message.windowMs).then((hit) => {
      worker.send({
        type: "otas:rate-limit-count",
        id: message.id,
        ...hit,
      } satisfies RateLimitHitAnswer);
    });
  });
}
