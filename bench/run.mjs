// pnpm bench: measures the built server (node apps/api/dist/server.js, as in production) beside a
// bare node:http server doing the same work (bare-server.mjs), on SQLite and PostgreSQL, in one
// process and with workers; writes results/latest.md and the latest results in bench/README.md.
// `--smoke` runs everything for a moment, for CI (figures meaningless, nothing asserted on them).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@otas/core/testing";
import { load, wrkAvailable } from "./lib/load.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { measureTarget, TARGETS, targetRequest } from "./lib/measure.mjs";
import { processTree, residentMemory, sampleMemory } from "./lib/proc.mjs";
import { measureColdStart, startServer } from "./lib/processes.mjs";
import { writeReadmeSection } from "./lib/readme.mjs";
import { renderReport } from "./lib/report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const serverJs = path.resolve(here, "../apps/api/dist/server.js");
const bareJs = path.join(here, "bare-server.mjs");
const smoke = process.argv.includes("--smoke");
const profile = process.argv.includes("--profile");
const settings = {
  smoke,
  loadTool: wrkAvailable ? "wrk" : "autocannon",
  rounds: smoke ? 4 : Number(process.env.BENCH_BCRYPT_ROUNDS ?? 12),
  boundSeconds: smoke ? 0.5 : 10,
  // Two requests per libuv thread keep the 4 hashing threads busy; a longer window keeps the
  // requests still in flight at its end (not counted) a small share.
  createSeconds: smoke ? 1 : 20,
  createConnections: 8,
  seconds: smoke ? 1 : 10,
  halfSeconds: smoke ? 1 : 8,
  warmupSeconds: smoke ? 0 : 2,
  connections: 16,
  workers: Number(process.env.BENCH_WORKERS ?? 2),
  // Token checks read this many different users in turn (all servers, the same tokens).
  users: smoke ? 4 : 64,
  // Side-by-side rounds of the paths the goals compare (one process, workers, bare, in turn):
  // the goals take the median of each round's ratios, as this machine's speed drifts by a third
  // from one run to the next.
  repeats: smoke ? 2 : 3,
};
const JWT_SECRET = "benchmark-secret-that-is-at-least-32-bytes";

function measureBcryptBound() {
  const out = execFileSync(process.execPath, [
    path.join(here, "bcrypt-bound.mjs"),
    String(settings.rounds),
    String(settings.boundSeconds),
  ]);
  return JSON.parse(out.toString());
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `script`, measures its idle memory, runs `work(base)` while sampling every process's
 * memory, and stops it. Answers what `work` answered plus idle and peak memory per process.
 */
async function withServer(script, env, { workers = 1, nodeArgs = [] }, work) {
  const server = await startServer(script, env, { workers, nodeArgs });
  const base = await server.ready;
  try {
    await pause(smoke ? 200 : 1000);
    const idle = new Map(processTree(server.pid).map((pid) => [pid, residentMemory(pid)]));
    const sampler = sampleMemory(server.pid);
    const results = await work(base, server);
    return { ...results, memory: { idle, peak: sampler.stop(), primary: server.pid, workers } };
  } finally {
    await server.stop();
  }
}

async function signUp(base) {
  const res = await fetch(`${base}/api/user/v1/create/`, {
    method: "POST",
    body: JSON.stringify({
      first_name: "R",
      last_name: "D",
      email: `reader.${randomUUID()}@bench.example`,
      password: "bench-password",
    }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
  return body.response_body.jwt_token;
}

/** Tokens of `count` new users, signed up four at a time (one per hashing thread). */
async function signUpUsers(base, count) {
  const tokens = [];
  while (tokens.length < count) {
    const batch = Math.min(4, count - tokens.length);
    tokens.push(...(await Promise.all(Array.from({ length: batch }, () => signUp(base)))));
  }
  return tokens;
}

/** Heap, external memory and heap spaces as the one-process server reports them in /metrics. */
async function reportedMemory(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name, labels = "") =>
    Number(new RegExp(`^${name}${labels.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
  const spaces = [...text.matchAll(/^nodejs_heap_space_size_used_bytes\{space="(\w+)"\} (\S+)$/gm)];
  return {
    rss: value("process_resident_memory_bytes"),
    heapTotal: value("nodejs_heap_size_total_bytes"),
    heapUsed: value("nodejs_heap_size_used_bytes"),
    external: value("nodejs_external_memory_bytes"),
    spaces: Object.fromEntries(spaces.map(([, space, bytes]) => [space, Number(bytes)])),
  };
}

async function benchProvider(provider) {
  const fresh = await createTestDatabase(provider, { migrate: false });
  const env = {
    DATABASE_URL: fresh.url,
    JWT_SECRET,
    BCRYPT_ROUNDS: String(settings.rounds),
    LOG_LEVEL: "warn",
    RATE_LIMIT_MAX: "1000000000",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
  };
  try {
    // Cold starts on fresh databases: migrations included.
    const coldStart = {
      single: await measureColdStart(serverJs, { ...env, WEB_CONCURRENCY: "1" }, 1),
    };
    const other = await createTestDatabase(provider, { migrate: false });
    try {
      const workersEnv = {
        ...env,
        DATABASE_URL: other.url,
        WEB_CONCURRENCY: String(settings.workers),
      };
      coldStart.workers = await measureColdStart(serverJs, workersEnv, settings.workers);
    } finally {
      await other.drop();
    }

    const profileArgs = profile
      ? ["--cpu-prof", `--cpu-prof-dir=${path.join(here, "results/profiles", provider)}`]
      : [];
    let tokens;
    const single = await withServer(
      serverJs,
      { ...env, WEB_CONCURRENCY: "1" },
      { nodeArgs: profileArgs },
      async (base, server) => {
        tokens = await signUpUsers(base, settings.users);
        const measured = {};
        for (const target of TARGETS) {
          measured[target.id] = await measureTarget(server, base, target, tokens, settings);
        }
        const memory = await reportedMemory(server.metricsUrl);
        const create = await load({
          url: `${base}/api/user/v1/create/`,
          headers: { "content-type": "application/json" },
          makeBody: () =>
            JSON.stringify({
              first_name: "B",
              last_name: "M",
              email: `${randomUUID()}@bench.example`,
              password: "bench-password",
            }),
          connections: settings.createConnections,
          seconds: settings.createSeconds,
          warmupSeconds: smoke ? 0 : 3,
        });
        return { measured, reported: memory, create };
      },
    );
    const workers = await withServer(
      serverJs,
      { ...env, WEB_CONCURRENCY: String(settings.workers) },
      { workers: settings.workers },
      async (base, server) => {
        const measured = {};
        for (const target of TARGETS.filter((t) => t.acrossWorkers)) {
          measured[target.id] = await measureTarget(server, base, target, tokens, settings);
        }
        return { measured };
      },
    );
    const bare = await withServer(bareJs, env, {}, async (base, server) => {
      const measured = {};
      for (const target of TARGETS.filter((t) => t.bare)) {
        measured[target.id] = await measureTarget(server, base, target, tokens, settings);
      }
      return { measured };
    });
    const ceiling = await measureCeiling(env, single, bare, tokens);
    const rounds = [
      {
        single: single.measured,
        workers: workers.measured,
        bare: bare.measured,
        serviceMemory: [single.memory, workers.memory],
      },
    ];
    while (rounds.length < settings.repeats) rounds.push(await measureRound(env, tokens));
    return { provider, coldStart, single, workers, bare, ceiling, rounds };
  } finally {
    await fresh.drop();
  }
}

/**
 * One more side-by-side round of the paths the goals compare: full load only, on a freshly
 * started one-process server, workers and bare server in turn.
 */
async function measureRound(env, tokens) {
  const targets = TARGETS.filter((t) => t.bare && t.acrossWorkers);
  const measureAll = async (base, server) => {
    const measured = {};
    for (const target of targets) {
      measured[target.id] = await measureTarget(server, base, target, tokens, settings, {
        half: false,
      });
    }
    return { measured };
  };
  const single = await withServer(serverJs, { ...env, WEB_CONCURRENCY: "1" }, {}, measureAll);
  const workers = await withServer(
    serverJs,
    { ...env, WEB_CONCURRENCY: String(settings.workers) },
    { workers: settings.workers },
    measureAll,
  );
  const bare = await withServer(bareJs, env, {}, measureAll);
  return {
    single: single.measured,
    workers: workers.measured,
    bare: bare.measured,
    serviceMemory: [single.memory, workers.memory],
  };
}

/**
 * The scaling ceiling of each measured path: the bare server made to spend as much CPU per
 * request as the service did in one process (BURN_US: the difference), in one process and in
 * `settings.workers` cluster workers, under the same load. What its workers gain is what this
 * machine allows at that cost per request, with wrk and the database on the same cores.
 */
async function measureCeiling(env, single, bare, tokens) {
  const ceiling = {};
  for (const target of TARGETS.filter((t) => t.bare && t.acrossWorkers)) {
    const burnUs = Math.max(
      0,
      single.measured[target.id].cpuUsPerRequest - bare.measured[target.id].cpuUsPerRequest,
    );
    const rps = {};
    for (const processes of [1, settings.workers]) {
      const burnEnv = { ...env, BURN_US: String(burnUs), WEB_CONCURRENCY: String(processes) };
      const server = await startServer(bareJs, burnEnv);
      try {
        const base = await server.ready;
        const result = await load({
          ...targetRequest(base, target, tokens, settings.connections),
          seconds: settings.seconds,
          warmupSeconds: settings.warmupSeconds,
        });
        rps[processes] = result.rps;
      } finally {
        await server.stop();
      }
    }
    ceiling[target.id] = { burnUs, one: rps[1], workers: rps[settings.workers] };
  }
  return ceiling;
}

const machine = describeMachine();
const bound = measureBcryptBound();
const providers = [];
for (const provider of ["sqlite", "postgresql"]) providers.push(await benchProvider(provider));
machine.loadAverageAtEnd = loadavg()[0];
const report = renderReport({ machine, settings, bound, providers });
console.log(report);
const file = path.join(here, "results", smoke ? "smoke.tmp" : "latest.md");
writeFileSync(file, report);
console.log(`written to ${path.relative(process.cwd(), file)}`);
if (!smoke) {
  // bench/README.md shows the same figures, between its markers.
  writeReadmeSection(path.join(here, "README.md"), report);
  console.log("bench/README.md's latest results updated");
}
for (const p of providers) {
  const runs = [
    ...[p.single, p.workers, p.bare].flatMap((server) => Object.values(server.measured)),
    ...p.rounds.flatMap((round) =>
      [round.single, round.workers, round.bare].flatMap((measured) => Object.values(measured)),
    ),
  ];
  if ([...runs, p.single.create].some((r) => r.total === 0) || runs.some((r) => r.unexpected > 0)) {
    console.error(`a measurement on ${p.provider} had no answer or unexpected answers`);
    process.exitCode = 1;
  }
}
