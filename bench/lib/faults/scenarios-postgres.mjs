// Faults of PostgreSQL itself, on the run's own cluster: a restart, an outage, a locked table.
import pg from "pg";
import { checkWrites, LOCKED_CLIENTS, pause, row, underLoad } from "./common.mjs";
import { seedUsers } from "./load.mjs";
import { startService, worstHealth } from "./service.mjs";

/** The service on a fresh database of the run's cluster, with users to log in as. */
async function serviceOnCluster(ctx, name) {
  const cluster = await ctx.cluster();
  const databaseUrl = cluster.url(`otas_faults_${name.replaceAll("-", "_")}`);
  const service = await startService({
    databaseUrl,
    port: await ctx.freePort(),
    logFile: ctx.logFile(name, "service"),
  });
  return { cluster, databaseUrl, service, users: await seedUsers(service.url, 8) };
}

/** Under load: `pg_ctlcluster restart -m fast`. */
export async function postgresRestart(ctx) {
  const { cluster, databaseUrl, service, users } = await serviceOnCluster(ctx, "postgres-restart");
  const run = await underLoad(
    service.url,
    { users, ...ctx.timing("postgres-restart") },
    async () => {
      const started = performance.now();
      await cluster.restart();
      return { notes: `PostgreSQL restarted in ${Math.round(performance.now() - started)} ms` };
    },
  );
  await service.stop();
  return row("PostgreSQL restart", "postgresql", run, await checkWrites(databaseUrl, run.records));
}

/** Under load: PostgreSQL stopped for `outageMs`, then started again. */
export async function postgresOutage(ctx) {
  const { cluster, databaseUrl, service, users } = await serviceOnCluster(ctx, "postgres-outage");
  const { outageMs } = ctx.settings;
  const run = await underLoad(
    service.url,
    { users, ...ctx.timing("postgres-outage") },
    async () => {
      await cluster.stop();
      const [health] = await Promise.all([worstHealth(service.url, [200, 1500]), pause(outageMs)]);
      await cluster.start();
      return {
        health,
        notes: `down ${outageMs / 1000} s`,
        restartedAt: Date.now(),
      };
    },
  );
  const firstSuccess = run.records.find((record) => record.ok && record.sentAt >= run.restartedAt);
  await service.stop();
  const recovered =
    firstSuccess === undefined
      ? "no success after it came back"
      : `first success ${((firstSuccess.sentAt - run.restartedAt) / 1000).toFixed(1)} s after it came back`;
  return row("PostgreSQL outage", "postgresql", run, await checkWrites(databaseUrl, run.records), {
    notes: recovered,
  });
}

/** Under load: `LOCK TABLE users` held by another connection for `lockMs`. */
export async function postgresLockedTable(ctx) {
  const { databaseUrl, service, users } = await serviceOnCluster(ctx, "locked-table-postgres");
  const { lockMs } = ctx.settings;
  const locker = new pg.Client({ connectionString: databaseUrl });
  await locker.connect();
  const run = await underLoad(
    service.url,
    { users, clients: LOCKED_CLIENTS, ...ctx.timing("locked-table") },
    async () => {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
      // Asked once the waiting requests hold every connection, a few times (any worker may
      // answer).
      const [health] = await Promise.all([
        worstHealth(service.url, [1000, 3000, 5000]),
        pause(lockMs),
      ]);
      await locker.query("COMMIT");
      return {
        health,
        notes: `locked ${lockMs / 1000} s`,
      };
    },
  );
  await locker.end();
  await service.stop();
  return row("locked users table", "postgresql", run, await checkWrites(databaseUrl, run.records));
}
