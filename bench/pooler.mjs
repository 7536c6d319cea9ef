// node bench/pooler.mjs [--smoke]: what PostgreSQL behind Debian's PgBouncer (transaction mode)
// costs. Three built servers (two workers each) on one database, measured in turn in the same
// run: direct with named prepared statements (the default), direct with DATABASE_POOLER=transaction
// (statements unnamed: that setting's own cost), and through PgBouncer with it. Prints
// requests/s and p50/p99 of create, login and authenticate for each, and the medians' ratios.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, startPgBouncer } from "@otas/core/testing";
import { load } from "./lib/load.mjs";
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
      const server = await startServer(
        serverJs,
        { ...common, ...setup.env },
        {
          workers: settings.workers,
        },
      );
      servers.push(server);
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
          const run = await load({
            ...target.request(setup.base),
            connections: settings.connections,
            seconds: settings.seconds,
            warmupSeconds: settings.warmupSeconds,
          });
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
    console.log("| call | setup | requests/s | p50 ms | p99 ms | vs direct |");
    console.log("|---|---|---:|---:|---:|---:|");
    for (const target of targets(tokens, reader.email)) {
      const base = median(results[`${target.id}/direct`].map((run) => run.rps));
      for (const setup of setups) {
        const runs = results[`${target.id}/${setup.id}`];
        const rps = median(runs.map((run) => run.rps));
        const cells = [
          target.id,
          setup.name,
          rps.toFixed(0),
          median(runs.map((run) => run.p50)).toFixed(1),
          median(runs.map((run) => run.p99)).toFixed(1),
          `${((rps / base - 1) * 100).toFixed(0)}%`,
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
