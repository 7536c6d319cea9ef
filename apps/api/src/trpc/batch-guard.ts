import { MAX_BATCH_CALLS } from "@otas/api";
import type { onRequestHookHandler } from "fastify";
import { sendTrpcFailure, TRPC_PREFIX } from "./transport-failure.js";

/**
 * Refuses, before any procedure runs, a tRPC batch that would buy more work than the same calls
 * sent one by one: a batch carrying a password-hashing procedure together with any other call
 * (each would hash in parallel on one request), or more than {@link MAX_BATCH_CALLS} calls.
 * Every call of a refused batch fails with `batch_not_allowed`.
 */
export function batchGuard(hashing: ReadonlySet<string>): onRequestHookHandler {
  return (request, reply, done) => {
    if (!request.url.startsWith(`${TRPC_PREFIX}/`) || !request.url.includes("batch=1")) {
      return done();
    }
    const url = new URL(request.url, "http://localhost");
    if (url.searchParams.get("batch") !== "1") return done();
    const paths = decodeURIComponent(url.pathname.slice(TRPC_PREFIX.length + 1)).split(",");
    const hashes = paths.some((path) => hashing.has(path));
    if (paths.length > MAX_BATCH_CALLS || (hashes && paths.length > 1)) {
      return sendTrpcFailure(request, reply, { code: "batch_not_allowed", expected: true });
    }
    done();
  };
}
