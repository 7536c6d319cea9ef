// Load generators. Full load: wrk (Debian's `wrk`, C and epoll: it takes far less of the shared
// cores than a Node client) when installed, autocannon otherwise. Rate-limited load (half the
// saturating rate): autocannon, which can hold a rate (wrk cannot).
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";

const run = promisify(execFile);

/** Whether wrk can be used (`BENCH_LOAD=autocannon` forces autocannon). */
export const wrkAvailable = (() => {
  if (process.env.BENCH_LOAD === "autocannon") return false;
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
    return true;
  } catch (error) {
    // wrk --version prints its banner and exits 1.
    return error.status === 1;
  }
})();

/** wrk's threads (see `load`). */
export const WRK_THREADS = 1;

const luaString = (value) => JSON.stringify(value);

/** A slow answer is still an answer: only one this late counts as an error (a timeout). */
const ANSWER_TIMEOUT_SECONDS = 30;

/**
 * A wrk script sending `method`, `headers` and `body`, printing one JSON line at the end. With
 * `tokens`, each request carries the next of them in `tokenHeader` (requests formatted once).
 */
function wrkScript({ method, headers, body, tokens, tokenHeader }) {
  const lines = [`wrk.method = ${luaString(method)}`];
  if (body !== undefined) lines.push(`wrk.body = ${luaString(body)}`);
  for (const [name, value] of Object.entries(headers)) {
    lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  }
  if (tokens !== undefined) {
    lines.push(`local tokens = {${tokens.map(luaString).join(", ")}}
local requests, sent = {}, 0
init = function()
  for i, token in ipairs(tokens) do
    requests[i] = wrk.format(nil, nil, {[${luaString(tokenHeader)}] = token})
  end
end
request = function()
  sent = sent % #requests + 1
  return requests[sent]
end`);
  }
  lines.push(`done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"statusErrors":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end`);
  const dir = mkdtempSync(path.join(tmpdir(), "otas-wrk-"));
  const file = path.join(dir, "load.lua");
  writeFileSync(file, lines.join("\n"));
  return file;
}

async function wrk({ url, connections, seconds, threads, ...request }) {
  const script = wrkScript(request);
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    `--timeout=${ANSWER_TIMEOUT_SECONDS}s`,
    "-s",
    script,
    url,
  ];
  const { stdout } = await run("wrk", args, { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split("\n").at(-1));
  const elapsed = result.durationUs / 1e6;
  return {
    rps: result.requests / elapsed,
    total: result.requests,
    p50: result.p50Us / 1000,
    p99: result.p99Us / 1000,
    // wrk counts answers with a status of 400 or more; the caller knows which it expects.
    errorStatus: result.statusErrors,
    socketErrors: result.socketErrors,
    seconds: elapsed,
  };
}

async function cannon(options) {
  const { url, method, headers, body, makeBody, tokens, tokenHeader, connections, seconds, rate } =
    options;
  const cannonOptions = {
    url,
    method,
    headers,
    connections,
    duration: seconds,
    timeout: ANSWER_TIMEOUT_SECONDS,
    ...(body === undefined ? {} : { body }),
    ...(rate === undefined ? {} : { overallRate: Math.max(1, Math.round(rate)) }),
  };
  // A fresh body per request (e.g. a unique email): autocannon's own [<id>] replacement sends a
  // Content-Length computed before the replacement.
  let sent = 0;
  const setupRequest = (request) => ({
    ...request,
    ...(makeBody === undefined ? {} : { body: makeBody() }),
    ...(tokens === undefined
      ? {}
      : { headers: { ...request.headers, [tokenHeader]: tokens[sent++ % tokens.length] } }),
  });
  if (makeBody !== undefined || tokens !== undefined) {
    cannonOptions.requests = [{ method, setupRequest }];
  }
  const result = await autocannon(cannonOptions);
  const errorStatus = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) >= 400)
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errorStatus,
    socketErrors: result.errors + result.timeouts,
    seconds,
  };
}

/**
 * Loads `url` for `seconds` after `warmupSeconds` not counted, and answers requests/s, p50/p99
 * in ms and the answers that were errors. `onMeasure(start|end)` brackets the counted part (CPU
 * and memory are sampled there). With `rate` the load is held at that many requests/s; with
 * `tokens` the requests carry them in turn in the `tokenHeader` header.
 *
 * wrk runs one thread (WRK_THREADS): one thread sends far more than any server measured here
 * answers, and a second one is another runnable thread on the two cores the server's workers
 * need (measured: two workers spent 13–26% more CPU per request under wrk -t2 than under -t1).
 */
export async function load(options) {
  const {
    method = "POST",
    headers = {},
    warmupSeconds = 0,
    threads = WRK_THREADS,
    onMeasure = () => {},
    ...rest
  } = options;
  const useWrk = wrkAvailable && options.rate === undefined && options.makeBody === undefined;
  const tool = useWrk ? "wrk" : "autocannon";
  const request = { method, headers, threads, ...rest };
  const once = (seconds) =>
    useWrk ? wrk({ ...request, seconds }) : cannon({ ...request, seconds });
  if (warmupSeconds > 0) await once(warmupSeconds);
  onMeasure("start");
  const result = await once(options.seconds);
  onMeasure("end");
  return { ...result, tool };
}
