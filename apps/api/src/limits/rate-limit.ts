import { createHash } from "node:crypto";
import type { RateLimitBucket } from "@otas/api";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { clientAddressKey } from "./client-address.js";
import type { RateLimitStore } from "./rate-limit-store.js";

/**
 * Counts one call in `bucket` — per client address, or per account when `account` is given —
 * and answers true when the caller is over its limit.
 */
export type RequestRateLimiter = (
  request: FastifyRequest,
  bucket: RateLimitBucket,
  account?: string,
) => Promise<boolean>;

/** Settings of {@link registerRateLimits}. */
export interface RateLimitSettings {
  store: RateLimitStore;
  windowMs: number;
  /** Calls one client address may make per bucket and window. */
  addressMax: number;
  /** Calls one account may receive per bucket and window, from any number of addresses. */
  accountMax: number;
  /** Buckets whose per-account counts have their own limit and window. */
  accountLimits?: Partial<Record<RateLimitBucket, { max: number; windowMs: number }>>;
  /** Told about every refusal (e.g. for metrics). */
  onRefused?: ((bucket: RateLimitBucket, scope: "address" | "account") => void) | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the request was refused for its rate: seconds until the window resets. */
    rateLimitRetryAfter: number | null;
  }
}

/**
 * An account's counter key: a digest, so a shared store (a table, Redis) never holds the email
 * addresses that were tried.
 */
function accountKey(account: string): string {
  return createHash("sha256").update(account, "utf8").digest("base64url").slice(0, 22);
}

/**
 * The limiter the procedures call, so a call is counted once whichever transport (REST or tRPC)
 * carried it. An address is `request.ip` (which honours `X-Forwarded-For` only from the proxies
 * `TRUST_PROXY` names), normalised by {@link clientAddressKey}. Refused requests get a
 * `Retry-After` header.
 */
export function registerRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
): RequestRateLimiter {
  app.decorateRequest("rateLimitRetryAfter", null);
  app.addHook("onSend", (request, reply, payload, done) => {
    if (request.rateLimitRetryAfter !== null) {
      reply.header("retry-after", String(request.rateLimitRetryAfter));
    }
    done(null, payload);
  });

  return async (request, bucket, account) => {
    const own = settings.accountLimits?.[bucket];
    const [key, max, windowMs] =
      account === undefined
        ? [
            `${bucket}:address:${clientAddressKey(request.ip)}`,
            settings.addressMax,
            settings.windowMs,
          ]
        : [
            `${bucket}:account:${accountKey(account)}`,
            own?.max ?? settings.accountMax,
            own?.windowMs ?? settings.windowMs,
          ];
    const { count, resetInMs } = await settings.store.hit(key, windowMs, request.deadline);
    if (count <= max) return false;
    settings.onRefused?.(bucket, account === undefined ? "address" : "account");
    request.rateLimitRetryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
    return true;
  };
}
