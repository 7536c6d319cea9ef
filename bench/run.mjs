// pnpm bench: measures the built server (apps/api/dist) on SQLite and PostgreSQL, prints a table
// and writes it to results/latest.md. `--smoke` runs everything for a moment, for CI.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@otas/core/testing";
import { load } from "./lib/load.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { measureColdStart, startServer } from "./lib/processes.mjs";
import { renderReport } from "./lib/report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const serverJs = path.resolve(here, "../apps/api/dist/server.js");
const smoke = process.argv.includes("--smoke");
const profile = process.argv.includes("--profile");
const settings = {
  smoke,
  rounds: smoke ? 4 : Number(process.env.BENCH_BCRYPT_ROUNDS ?? 12),
  boundSeconds: smoke ? 0.5 : 10,
  // Two requests per libuv thread keep the 4 hashing threads busy; a longer window keeps the
  // requests still in flight at its end (not counted) a small share.
  createSeconds: smoke ? 1 : 20,
  createConnections: 8,
  readSeconds: smoke ? 1 : 10,
  warmupSeconds: smoke ? 0 : 2,
  readConnections: 32,
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

async function benchProvider(provider) {
  const fresh = await createTestDatabase(provider, { migrate: false });
  try {
    const env = {
      DATABASE_URL: fresh.url,
      JWT_SECRET,
      BCRYPT_ROUNDS: String(settings.rounds),
      LOG_LEVEL: "warn",
      RATE_LIMIT_MAX: "1000000000",
      NODE_ENV: "production",
    };
    const coldStartMs = await measureColdStart(serverJs, { ...env, LOG_LEVEL: "info" });
    const profileArgs = profile
      ? ["--cpu-prof", `--cpu-prof-dir=${path.join(here, "results/profiles", provider)}`]
      : [];
    const server = startServer(path.join(here, "server.mjs"), env, profileArgs);
    const base = await server.address;
    try {
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
      const signup = await fetch(`${base}/api/user/v1/create/`, {
        method: "POST",
        body: JSON.stringify({
          first_name: "R",
          last_name: "D",
          email: `reader.${Date.now()}@bench.example`,
          password: "bench-password",
        }),
      });
      const token = (await signup.json()).response_body.jwt_token;
      const read = (url, method) =>
        load({
          url,
          method,
          headers: { "x-otas-user-token": token },
          connections: settings.readConnections,
          seconds: settings.readSeconds,
          warmupSeconds: settings.warmupSeconds,
        });
      const rest = await read(`${base}/api/user/v1/authenticate/`, "POST");
      const trpc = await read(`${base}/trpc/user.me`, "GET");
      const bare = await read(`${base}/bench/authenticate`, "POST");
      return { provider, create, rest, trpc, bare, coldStartMs, peakRssMiB: server.peakRssMiB() };
    } finally {
      await server.stop();
    }
  } finally {
    await fresh.drop();
  }
}

const machine = describeMachine();
const bound = measureBcryptBound();
const providers = [];
for (const provider of ["sqlite", "postgresql"]) providers.push(await benchProvider(provider));
const report = renderReport({ machine, settings, bound, providers });
console.log(report);
const file = path.join(here, "results", smoke ? "smoke.tmp" : "latest.md");
writeFileSync(file, report);
console.log(`written to ${path.relative(process.cwd(), file)}`);
for (const p of providers) {
  if (p.create.total === 0 || p.rest.total === 0 || p.trpc.total === 0 || p.bare.total === 0) {
    console.error(`no request was answered on ${p.provider}`);
    process.exitCode = 1;
  }
}
