import { MAX_BATCH_CALLS, type RequestLog, TransportError } from "@otas/api";
import type { TRPCRequestInfo } from "@trpc/server/http";

/** What the guard reads of tRPC's own reading of a request. */
export type BatchInfo = Pick<TRPCRequestInfo, "isBatchCall" | "calls">;

/**
 * Refuses, before any procedure runs, a tRPC batch that would buy more work than the same calls
 * sent one by one: a batch carrying a password-hashing procedure together with any other call
 * (each would hash in parallel on one request), or more than {@link MAX_BATCH_CALLS} calls.
 * It judges `info`, the request as tRPC itself read it (its query parser decides whether it is a
 * batch, its path decoding which procedures it calls), so no spelling of the URL — an encoded
 * `batch` key or value, a comma encoded twice — can look like one call here and many to tRPC.
 * Called from tRPC's `createContext`: what it throws fails every call of the batch with
 * `batch_not_allowed`.
 */
export function guardBatch(info: BatchInfo, hashing: ReadonlySet<string>, log: RequestLog): void {
  if (!info.isBatchCall) return;
  const calls = info.calls.length;
  const hashes = info.calls.some((call) => hashing.has(call.path));
  if (calls > MAX_BATCH_CALLS || (hashes && calls > 1)) {
    log.info({ code: "batch_not_allowed", calls, hashes }, "request refused");
    throw new TransportError("batch_not_allowed");
  }
}
