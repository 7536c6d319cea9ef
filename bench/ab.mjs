// Side-by-side A/B of the authenticate path (REST, one process): another build of the service
// (e.g. main's, in a checkout of its own: --baseline <dir>), this one and the bare node:http
// server (bare-server.mjs) in turn, each started afresh, under the same load, for --rounds
// rounds per database. Prints each run's requests/s and CPU per request and each build's ratio
// to the bare server of the same round, then the medians. The machine is shared: only figures
// of one run compare. Uses the bench's own helpers (lib/); wrk when installed.
//   node bench/ab.mjs --baseline /path/to/main-checkout [--rounds 3] [--seconds 10]
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createTestDatabase } from "@otas/core/testing";
import { wrkAvailable } from "./lib/load.mjs";
import { measureTarget, TARGETS } from "./lib/measure.mjs";
import { startServer } from "./lib/processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
  },
});
if (values.baseline === undefined) throw new Error("--baseline <checkout of the other build>");
const builds = {
  baseline: path.resolve(values.baseline, "apps/api/dist/server.js"),
  this: path.resolve(here, "../apps/api/dist/server.js"),
};
const bareJs = path.join(here, "bare-server.mjs");
const settings = {
  seconds: Number(values.seconds),
  warmupSeconds: 2,
  connections: 16,
  halfSeconds: 0,
  users: 64,
};
const authenticate = TARGETS.find((target) => target.id === "authenticate");
const JWT_SECRET = "benchmark-secret-that-is-at-least-32-bytes";

/** Starts `script`, runs `work(base, server)`, stops it. */
async function withServer(script, env, work) {
  const server = await startServer(script, env);
  try {
    return await work(await server.ready, server);
  } finally {
    await server.stop();
  }
}

/** Tokens of `count` new users of the server at `base`. */
async function signUpUsers(base, count) {
  const signUp = async () => {
    const res = await fetch(`${base}/api/user/v1/create/`, {
      method: "POST",
      body: JSON.stringify({
        first_name: "A",
        last_name: "B",
        email: `ab.${randomUUID()}@bench.example`,
        password: "bench-password",
      }),
    });
    return (await res.json()).response_body.jwt_token;
  };
  const tokens = [];
  while (tokens.length < count) tokens.push(...(await Promise.all([1, 2, 3, 4].map(signUp))));
  return tokens;
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
const format = (run) => `${Math.round(run.rps)} req/s, ${Math.round(run.cpuUsPerRequest)} µs CPU`;

console.log(
  `load: ${wrkAvailable ? "wrk -t1" : "autocannon"}, ${settings.connections} connections, ` +
    `${settings.warmupSeconds} s warm-up then ${settings.seconds} s; load average ${loadavg()[0].toFixed(1)}`,
);
for (const provider of ["sqlite", "postgresql"]) {
  const databases = {};
  const env = {};
  const tokens = {};
  try {
    for (const build of Object.keys(builds)) {
      databases[build] = await createTestDatabase(provider, { migrate: false });
      env[build] = {
        DATABASE_URL: databases[build].url,
        JWT_SECRET,
        BCRYPT_ROUNDS: "4",
        LOG_LEVEL: "warn",
        RATE_LIMIT_MAX: "1000000000",
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        WEB_CONCURRENCY: "1",
      };
      // Each build migrates its own database and signs its own users up.
      tokens[build] = await withServer(builds[build], env[build], (base) =>
        signUpUsers(base, settings.users),
      );
    }
    const ratios = { baseline: [], this: [] };
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      const runs = {};
      for (const build of Object.keys(builds)) {
        runs[build] = await withServer(builds[build], env[build], (base, server) =>
          measureTarget(server, base, authenticate, tokens[build], settings, { half: false }),
        );
      }
      // The bare server reads this build's database with its tokens.
      runs.bare = await withServer(bareJs, env.this, (base, server) =>
        measureTarget(server, base, authenticate, tokens.this, settings, { half: false }),
      );
      for (const build of Object.keys(builds)) ratios[build].push(runs[build].rps / runs.bare.rps);
      console.log(
        `${provider} round ${round}: bare ${format(runs.bare)}; baseline ${format(runs.baseline)} ` +
          `(${ratios.baseline.at(-1).toFixed(2)} of bare); this ${format(runs.this)} ` +
          `(${ratios.this.at(-1).toFixed(2)} of bare)`,
      );
    }
    console.log(
      `${provider} medians: baseline ${median(ratios.baseline).toFixed(2)} of bare, ` +
        `this ${median(ratios.this).toFixed(2)} of bare`,
    );
  } finally {
    for (const database of Object.values(databases)) await database.drop();
  }
}
console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
