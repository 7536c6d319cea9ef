// Faults and deploys of the service's own processes: a worker killed, a rolling restart, two
// instances behind nginx restarted in turn, reset mails while the mail server is down and the
// service restarts.
import { checkWrites, pause, row, underLoad } from "./common.mjs";
import { seedUsers } from "./load.mjs";
import { shippedFailTimeoutMs, startNginx } from "./nginx.mjs";
import { startService, untilHealthy } from "./service.mjs";
import { startSmtpServer } from "./smtp.mjs";

async function serviceOn(ctx, name, env = {}) {
  const databaseUrl = await ctx.database(name);
  const service = await startService({
    databaseUrl,
    port: await ctx.freePort(),
    env,
    logFile: ctx.logFile(name, "service"),
  });
  return { databaseUrl, service };
}

/** The service under load while `fault(service)` happens: one row of the table. */
async function faultOnService(ctx, name, title, fault) {
  const { databaseUrl, service } = await serviceOn(ctx, name);
  const users = await seedUsers(service.url, 8);
  const run = await underLoad(service.url, { users, ...ctx.timing(name) }, () => fault(service));
  await service.stop();
  return row(title, ctx.provider, run, await checkWrites(databaseUrl, run.records));
}

/** Under load: one of the two workers killed with SIGKILL. */
export function workerKill(ctx) {
  return faultOnService(ctx, "worker-kill", "worker killed (kill -9)", async (service) => {
    const [victim] = service.workerPids();
    process.kill(victim, "SIGKILL");
    await service.waitForLog((line) => String(line.msg).endsWith("starting a replacement"));
    return { notes: "the primary replaced it" };
  });
}

/** Under load: SIGHUP, the workers replaced one at a time. */
export function rollingRestart(ctx) {
  return faultOnService(ctx, "rolling-restart", "rolling restart (SIGHUP)", async (service) => {
    const started = performance.now();
    service.child.kill("SIGHUP");
    const end = await service.waitForLog((line) =>
      /^reload (complete|stopped)/.test(String(line.msg)),
    );
    return { notes: `${end.msg} in ${((performance.now() - started) / 1000).toFixed(1)} s` };
  });
}

/**
 * Under load through nginx: two instances restarted one after the other as docs/operations.md
 * says (stop, start, wait for /healthz and nginx's fail_timeout, next).
 */
export async function twoInstancesBehindNginx(ctx) {
  const databaseUrl = await ctx.database("two-instances");
  const ports = [await ctx.freePort(), await ctx.freePort()];
  const start = (index) =>
    startService({
      databaseUrl,
      port: ports[index],
      env: { TRUST_PROXY: "127.0.0.1" },
      logFile: ctx.logFile("two-instances", `instance-${index + 1}`),
    });
  const instances = [await start(0), await start(1)];
  const nginx = await startNginx(await ctx.freePort(), ports, await ctx.freePort());
  const users = await seedUsers(nginx.url, 8);
  const run = await underLoad(nginx.url, { users, ...ctx.timing("two-instances") }, async () => {
    const started = performance.now();
    for (const index of [0, 1]) {
      await instances[index].stop();
      instances[index] = await start(index);
      await untilHealthy(instances[index].url);
      await pause(shippedFailTimeoutMs() + 500);
    }
    return { notes: `both restarted in ${((performance.now() - started) / 1000).toFixed(1)} s` };
  });
  await nginx.stop();
  for (const instance of instances) await instance.stop();
  return row(
    "two instances behind nginx, restarted in turn",
    ctx.provider,
    run,
    await checkWrites(databaseUrl, run.records),
  );
}

/**
 * Reset mails asked for while the mail server refuses them, the service stopped (SIGTERM) and
 * started again, then the mail server back: how many of the mails the users were told about
 * arrive, and how many twice.
 */
export async function smtpOutageAcrossRestart(ctx) {
  const smtp = await startSmtpServer();
  const env = { SMTP_URL: smtp.url, MAIL_FROM: "OTAS <no-reply@otas.example>" };
  const { databaseUrl, service } = await serviceOn(ctx, "smtp-outage", env);
  const users = await seedUsers(service.url, ctx.settings.mails);
  const records = [];
  for (const user of users) {
    const sentAt = Date.now();
    const answer = await fetch(`${service.url}/api/user/v1/reset-password/init/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ emailId: user.email }),
    }).then(
      (res) => ({ status: res.status }),
      (error) => ({ error: error.cause?.code ?? error.message }),
    );
    records.push({ kind: "reset", sentAt, ms: 0, ...answer, ok: answer.status === 200 });
  }
  await pause(1000);
  const exitCode = await service.stop();
  const again = await startService({
    databaseUrl,
    port: service.port,
    env,
    logFile: ctx.logFile("smtp-outage", "service-again"),
  });
  smtp.accept();
  const told = records.filter((record) => record.ok).length;
  const deadline = Date.now() + ctx.settings.mailWaitMs;
  while (Date.now() < deadline && smtp.delivered.size < told) await pause(250);
  await again.stop();
  await smtp.close();
  const duplicates = [...smtp.delivered.values()].reduce((sum, count) => sum + count - 1, 0);
  return row(
    "mail server down across a restart (reset mails)",
    ctx.provider,
    {
      records,
      notes: `exit code on SIGTERM ${exitCode}; delivered ${smtp.delivered.size} of ${told}, ${duplicates} twice`,
    },
    { lost: told - smtp.delivered.size, failedButStored: 0 },
  );
}
