// pnpm faults: fault injection against the production command (NODE_ENV=production node
// apps/api/dist/server.js, two workers) under a load client that logs every request, one fault
// at a time; prints the table of docs/operations.md and writes results/faults.md.
//   node bench/faults.mjs                      every scenario (several minutes; needs root for
//                                              the disk-full tmpfs and the PostgreSQL cluster)
//   node bench/faults.mjs --only worker-kill,rolling-restart
//   node bench/faults.mjs --smoke              two quick scenarios on SQLite (CI)
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPostgresCluster } from "./lib/faults/postgres-cluster.mjs";
import {
  postgresLockedTable,
  postgresOutage,
  postgresRestart,
} from "./lib/faults/scenarios-postgres.mjs";
import {
  rollingRestart,
  smtpOutageAcrossRestart,
  twoInstancesBehindNginx,
  workerKill,
} from "./lib/faults/scenarios-process.mjs";
import {
  diskFull,
  sqliteFileDeleted,
  sqliteLocked,
  sqliteWalDeleted,
} from "./lib/faults/scenarios-sqlite.mjs";
import { renderFaultTable } from "./lib/faults/table.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { freePort } from "./lib/processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const smoke = process.argv.includes("--smoke");
const onlyArg = process.argv.find((arg) => arg.startsWith("--only"));
const only =
  onlyArg?.split("=")[1]?.split(",") ??
  process.argv[process.argv.indexOf("--only") + 1]?.split(",");

const SCENARIOS = {
  "postgres-restart": postgresRestart,
  "postgres-outage": postgresOutage,
  "worker-kill": workerKill,
  "rolling-restart": rollingRestart,
  "two-instances": twoInstancesBehindNginx,
  "smtp-outage": smtpOutageAcrossRestart,
  "sqlite-deleted": sqliteFileDeleted,
  "sqlite-wal-deleted": sqliteWalDeleted,
  "disk-full": diskFull,
  "locked-table-postgres": postgresLockedTable,
  "locked-table-sqlite": sqliteLocked,
};
const chosen = smoke ? ["worker-kill", "rolling-restart"] : onlyArg ? only : Object.keys(SCENARIOS);
for (const name of chosen) {
  if (!(name in SCENARIOS))
    throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(", ")}`);
}

const settings = {
  before: smoke ? 500 : 2000,
  after: smoke ? 1000 : 4000,
  outageMs: 5000,
  lockMs: 15_000,
  fullMs: 4000,
  mails: 10,
  mailWaitMs: 30_000,
};
const logDir = mkdtempSync(path.join(tmpdir(), "otas-faults-"));
let cluster;
const ctx = {
  settings,
  // Smoke runs need no cluster of their own; full runs use PostgreSQL as production does.
  provider: smoke ? "sqlite" : "postgresql",
  freePort,
  timing: (name) => ({
    before: settings.before,
    after: settings.after,
    logFile: ctx.logFile(name, "requests"),
  }),
  logFile: (scenario, process) => path.join(logDir, `${scenario}.${process}.log`),
  async cluster() {
    cluster ??= createPostgresCluster();
    return cluster;
  },
  async database(name) {
    if (ctx.provider === "sqlite") {
      const dir = mkdtempSync(path.join(tmpdir(), "otas-faults-db-"));
      return `file:${path.join(dir, "otas.db")}`;
    }
    return (await ctx.cluster()).url(`otas_faults_${name.replaceAll("-", "_")}`);
  },
};

const rows = [];
const started = performance.now();
try {
  for (const name of chosen) {
    process.stderr.write(`fault run: ${name}\n`);
    try {
      rows.push(await SCENARIOS[name](ctx));
    } catch (error) {
      rows.push({ scenario: name, skipped: `could not run: ${error.message.split("\n")[0]}` });
    }
  }
} finally {
  if (cluster !== undefined) await (await cluster).drop();
}

const machine = describeMachine();
const minutes = (performance.now() - started) / 60_000;
const report = renderFaultTable(rows, { machine, settings, smoke, logDir, minutes });
process.stdout.write(`${report}\n`);
if (!smoke && onlyArg === undefined) {
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results/faults.md"), `${report}\n`);
}
if (rows.some((entry) => entry.skipped?.startsWith("could not run"))) process.exitCode = 1;
