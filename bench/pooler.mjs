// node bench/pooler.mjs [--smoke]: what PostgreSQL behind Debian's PgBouncer (transaction mode)
// costs. Three built servers (two workers each) on one database, measured in turn in the same
// run: direct with named prepared statements (the default), direct with DATABASE_POOLER=transaction
// (statements unnamed: that setting's own cost), and through PgBouncer with it. Prints
// requests/s, p50/p99 and the CPU time per request of the service's processes, of PgBouncer and
// of the PostgreSQL backends, for create, login and authenticate: medians of interleaved rounds.
// On a shared machine throughput drifts with the neighbours' load; CPU per request much less.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, startPgBouncer } from "@otas/core/testing";
import pg from "pg";
import { load } from "./lib/load.mjs";
import { cpuMicroseconds, processTree } from "./lib/proc.mjs";
import { startServer } from "./lib/processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const serverJs = path.resolve(here, "../apps/api/dist/server.js");
const smoke = process.argv.includes("--smoke");
const settings = {
  // Low on purpose: at the production cost (12) create and login are bcrypt-bound and the
  // database's share does not show.
  rounds: Number(process.env.BENCH_BCRYPT_ROUNDS ?? 4),
  workers: 2,
  seconds: smoke ? 1 : 8,
  warmupSeconds: smoke ? 0 : 2,
  connections: 16,
  repeats: smoke ? 1 : 3,
  // PgBouncer's server connections: what the two workers hold directly (5 each).
  bouncerPool: 10,
};
const JWT_SECRET = "benchmark-secret-that-is-at-least-32-bytes";
const json = { "content-type": "application/json" };
const PASSWORD = "bench-password";

async function call(base, route, body, headers = {}) {
  const res = await fetch(`${base}${route}`, {
    method: "POST",
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (res.status !== 200)
    throw new Error(`${route} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}

const newUser = () => ({
  first_name: "B",
  last_name: "M",
  email: `${randomUUID()}@bench.example`,
  password: PASSWORD,
});

/** The three loads, on `base`; `tokens` and `email` belong to users it can read. */
const targets = (tokens, email) => [
  {
    id: "create",
    request: (base) => ({
      url: `${base}/api/user/v1/create/`,
      headers: json,
      makeBody: () => JSON.stringify(newUser()),
    }),
  },
  {
    id: "login",
    request: (base) => ({
      url: `${base}/api/user/v1/login/`,
      headers: json,
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  },
  {
    id: "authenticate",
    request: (base) => ({
      url: `${base}/api/user/v1/authenticate/`,
      headers: {},
      tokens,
      tokenHeader: "x-otas-user-token",
    }),
  },
];

/** The PostgreSQL backends serving `url`'s database (this query's own excluded). */
async function backendPids(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** A warm-up, then the counted load with the CPU time of the service, PgBouncer and PostgreSQL. */
async function measure(request, server, bouncerPid, databaseUrl) {
  if (settings.warmupSeconds > 0) await load({ ...request, seconds: settings.warmupSeconds });
  const groups = {
    service: processTree(server.pid),
    bouncer: bouncerPid === undefined ? [] : [bouncerPid],
    postgres: await backendPids(databaseUrl),
  };
  // Per process: an idle connection the pools close during the run (a backend that exits) takes
  // its CPU time with it, and is left out rather than counted negative.
  const cpu = () =>
    Object.fromEntries(
      Object.entries(groups).map(([k, pids]) => [k, pids.map((pid) => cpuMicroseconds([pid]))]),
    );
  const used = (k) =>
    before[k].reduce((sum, start, i) => sum + Math.max(0, (after[k][i] ?? 0) - start), 0);
  let before;
  let after;
  const run = await load({
    ...request,
    seconds: settings.seconds,
    onMeasure(phase) {
      if (phase === "start") before = cpu();
      else after = cpu();
    },
  });
  const perRequest = Object.fromEntries(Object.keys(groups).map((k) => [k, used(k) / run.total]));
  return { ...run, perRequest };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const database = await createTestDatabase("postgresql");
  const bouncer = await startPgBouncer({ poolMode: "transaction", poolSize: settings.bouncerPool });
  const common = {
    JWT_SECRET,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "error",
    BCRYPT_ROUNDS: String(settings.rounds),
    RATE_LIMIT_MAX: "1000000000",
    RATE_LIMIT_ACCOUNT_MAX: "1000000000",
    WEB_CONCURRENCY: String(settings.workers),
  };
  const setups = [
    {
      id: "direct",
      name: "direct, named statements (default)",
      env: { DATABASE_URL: database.url },
    },
    {
      id: "unnamed",
      name: "direct, DATABASE_POOLER=transaction",
      env: {
        DATABASE_URL: database.url,
        DATABASE_POOLER: "transaction",
        DIRECT_DATABASE_URL: database.url,
      },
    },
    {
      id: "pgbouncer",
      name: "PgBouncer 1.18 transaction mode",
      env: {
        DATABASE_URL: bouncer.through(database.url),
        DATABASE_POOLER: "transaction",
        DIRECT_DATABASE_URL: database.url,
      },
    },
  ];
  const servers = [];
  try {
    for (const setup of setups) {
      if (setup.id === "pgbouncer") setup.bouncerPid = bouncer.pid;
      const server = await startServer(
        serverJs,
        { ...common, ...setup.env },
        {
          workers: settings.workers,
        },
      );
      servers.push(server);
      setup.server = server;
      setup.base = await server.ready;
    }
    const first = setups[0].base;
    const tokens = [];
    for (let i = 0; i < 64; i += 1)
      tokens.push((await call(first, "/api/user/v1/create/", newUser())).response_body.jwt_token);
    const reader = newUser();
    await call(first, "/api/user/v1/create/", reader);
    const results = {};
    for (let round = 0; round < settings.repeats; round += 1) {
      for (const target of targets(tokens, reader.email)) {
        for (const setup of setups) {
          const run = await measure(
            { ...target.request(setup.base), connections: settings.connections },
            setup.server,
            setup.bouncerPid,
            database.url,
          );
          if (run.errorStatus + run.socketErrors > 0) {
            throw new Error(
              `${setup.id} ${target.id}: ${run.errorStatus} error answers, ${run.socketErrors} socket errors`,
            );
          }
          const key = `${target.id}/${setup.id}`;
          results[key] = [...(results[key] ?? []), run];
        }
      }
    }
    console.log(
      `PostgreSQL direct vs through PgBouncer: ${settings.workers} workers, bcrypt cost ${settings.rounds}, ` +
        `${settings.connections} connections, median of ${settings.repeats} × ${settings.seconds} s`,
    );
    console.log(
      "| call | setup | requests/s | vs direct | p50 ms | p99 ms | CPU µs/request: service | PgBouncer | PostgreSQL |",
    );
    console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const target of targets(tokens, reader.email)) {
      const base = median(results[`${target.id}/direct`].map((run) => run.rps));
      for (const setup of setups) {
        const runs = results[`${target.id}/${setup.id}`];
        const rps = median(runs.map((run) => run.rps));
        const cpu = (group) => median(runs.map((run) => run.perRequest[group])).toFixed(0);
        const cells = [
          target.id,
          setup.name,
          rps.toFixed(0),
          `${((rps / base - 1) * 100).toFixed(0)}%`,
          median(runs.map((run) => run.p50)).toFixed(1),
          median(runs.map((run) => run.p99)).toFixed(1),
          cpu("service"),
          cpu("bouncer"),
          cpu("postgres"),
        ];
        console.log(`| ${cells.join(" | ")} |`);
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await bouncer.stop();
    await database.drop();
  }
}

await main();
