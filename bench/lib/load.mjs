import autocannon from "autocannon";

/**
 * Runs autocannon (in this process, not the server's) and returns requests/s and latencies.
 * `warmupSeconds` of load are sent first and not counted.
 */
export async function load({
  url,
  method = "POST",
  headers = {},
  body,
  makeBody,
  connections,
  seconds,
  warmupSeconds = 0,
}) {
  const options = { url, method, headers, connections, ...(body === undefined ? {} : { body }) };
  // A fresh body per request (e.g. a unique email): autocannon's own [<id>] replacement sends a
  // Content-Length computed before the replacement.
  if (makeBody !== undefined) {
    options.requests = [{ method, setupRequest: (request) => ({ ...request, body: makeBody() }) }];
  }
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const result = await autocannon({ ...options, duration: seconds });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
  };
}
