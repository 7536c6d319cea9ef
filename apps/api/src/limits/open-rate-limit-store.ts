import type { Database } from "@otas/core";
import { primaryChannel } from "../cluster/channel.js";
import type { ApiEnv } from "../env.js";
import { postgresRateLimitStore } from "./postgres-rate-limit-store.js";
import { primaryRateLimitStore } from "./primary-rate-limit-store.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { openRedisRateLimitStore } from "./redis-rate-limit-store.js";

/** The store a process counts in, and how to let go of it at shutdown. */
export interface OpenedRateLimitStore {
  /** Undefined: this process's own memory (buildApp's default). */
  store: RateLimitStore | undefined;
  close(): Promise<void>;
}

/**
 * The store `RATE_LIMIT_STORE` names. `memory` in a worker means the primary's memory, reached
 * over the cluster's IPC channel, so the workers of one machine count together.
 */
export async function openRateLimitStore(
  env: Pick<ApiEnv, "RATE_LIMIT_STORE" | "REDIS_URL" | "REDIS_KEY_PREFIX" | "REDIS_TIMEOUT_MS">,
  database: Pick<Database, "sql">,
  inWorker: boolean,
): Promise<OpenedRateLimitStore> {
  const nothingToClose = async () => {};
  switch (env.RATE_LIMIT_STORE) {
    case "redis": {
      // env.ts refuses RATE_LIMIT_STORE=redis without REDIS_URL.
      const redis = await openRedisRateLimitStore(
        env.REDIS_URL ?? "",
        env.REDIS_KEY_PREFIX,
        env.REDIS_TIMEOUT_MS,
      );
      return { store: redis, close: () => redis.close() };
    }
    case "postgres":
      return { store: postgresRateLimitStore(database.sql), close: nothingToClose };
    case "memory": {
      const store = inWorker ? primaryRateLimitStore(primaryChannel()) : undefined;
      return { store, close: nothingToClose };
    }
  }
}
