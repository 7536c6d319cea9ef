import { load } from "./load.mjs";
import { cpuMicroseconds, machineCpuMicroseconds, processTree } from "./proc.mjs";

/**
 * What is measured on each server: the two paths the issue compares with the bare server
 * (authenticate: JWT check plus a lookup by primary key; create `{}`: a body parsed and refused
 * with missing_fields, after the rate-limit count), and tRPC's user.me in one process.
 */
export const TARGETS = [
  {
    id: "authenticate",
    name: "authenticate (REST)",
    path: "/api/user/v1/authenticate/",
    method: "POST",
    withToken: true,
    expect: { status: 200, description: "user_authenticated" },
    bare: true,
    acrossWorkers: true,
  },
  {
    id: "createInvalid",
    name: "create `{}` (400 missing_fields)",
    path: "/api/user/v1/create/",
    method: "POST",
    body: "{}",
    expect: { status: 400, description: "missing_fields: first_name, last_name, email, password" },
    bare: true,
    acrossWorkers: true,
  },
  {
    id: "trpcMe",
    name: "user.me (tRPC)",
    path: "/trpc/user.me",
    method: "GET",
    withToken: true,
    expect: { status: 200 },
    bare: false,
    acrossWorkers: false,
  },
];

/** Sends the target's request once and fails unless the answer is the expected one. */
async function check(base, target, headers) {
  const res = await fetch(`${base}${target.path}`, {
    method: target.method,
    headers,
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  const body = await res.json();
  const description = body.status_description;
  if (
    res.status !== target.expect.status ||
    (target.expect.description && description !== target.expect.description)
  ) {
    throw new Error(`${target.path} answered ${res.status} ${JSON.stringify(body)}`);
  }
}

/** The header a token travels in. */
const TOKEN_HEADER = "x-otas-user-token";

/**
 * The load request of `target` on `base`: with a token, the `tokens` (of as many users) in turn,
 * so token checks look different users up, as real traffic does.
 */
export function targetRequest(base, target, tokens, connections) {
  return {
    url: `${base}${target.path}`,
    method: target.method,
    headers: target.body === undefined ? {} : { "content-type": "application/json" },
    ...(target.body === undefined ? {} : { body: target.body }),
    ...(target.withToken ? { tokens, tokenHeader: TOKEN_HEADER } : {}),
    connections,
  };
}

/**
 * Full load (after a warm-up), with the CPU time of the server's process tree and of the whole
 * machine (the server, wrk, PostgreSQL, the kernel) over the counted part, then a load held at
 * half the rate the full load reached (unless `half` is false). Answers both and the count of
 * answers that were not the expected status.
 */
export async function measureTarget(server, base, target, tokens, settings, { half = true } = {}) {
  const request = targetRequest(base, target, tokens, settings.connections);
  await check(base, target, {
    ...request.headers,
    ...(target.withToken ? { [TOKEN_HEADER]: tokens[0] } : {}),
  });
  let pids = [];
  let cpuAtStart = 0;
  let cpuUs = 0;
  let machineAtStart = 0;
  let machineUs = 0;
  const full = await load({
    ...request,
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
    onMeasure(phase) {
      if (phase === "start") {
        pids = processTree(server.pid);
        cpuAtStart = cpuMicroseconds(pids);
        machineAtStart = machineCpuMicroseconds();
      } else {
        cpuUs = cpuMicroseconds(pids) - cpuAtStart;
        machineUs = machineCpuMicroseconds() - machineAtStart;
      }
    },
  });
  const halfLoad = half
    ? await load({ ...request, seconds: settings.halfSeconds, rate: full.rps / 2 })
    : undefined;
  const expectedErrors = target.expect.status >= 400;
  const unexpected = (run) =>
    (expectedErrors ? run.total - run.errorStatus : run.errorStatus) + run.socketErrors;
  return {
    ...full,
    cpuUsPerRequest: cpuUs / full.total,
    machineUsPerRequest: machineUs / full.total,
    half: halfLoad,
    unexpected: unexpected(full) + (halfLoad === undefined ? 0 : unexpected(halfLoad)),
  };
}
