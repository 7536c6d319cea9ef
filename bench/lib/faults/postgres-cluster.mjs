// A PostgreSQL cluster of the fault runs' own (Debian's postgresql-common tools), so restarts,
// outages and locks never touch the shared server on 5432. Created on a free port of
// 43000–43999 with trust authentication, dropped at the end.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Whether something already listens on `port` of the loopback interface. */
function portTaken(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(true))
      .listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });
}

async function freePortInRange(from, to) {
  for (let port = from; port <= to; port += 1) {
    if (!(await portTaken(port))) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

/** Creates and starts a cluster; `stop`, `start`, `restart` and `drop` act on it. */
export async function createPostgresCluster() {
  const version = readdirSync("/etc/postgresql").sort().at(-1);
  if (version === undefined) throw new Error("no PostgreSQL installed (/etc/postgresql is empty)");
  const name = `otas-faults-${process.pid}`;
  const port = await freePortInRange(43000, 43999);
  await run("pg_createcluster", [
    version,
    name,
    "--port",
    String(port),
    "--start-conf=manual",
    "--",
    "--auth=trust",
  ]);
  const ctl = (action, ...options) => run("pg_ctlcluster", [version, name, action, ...options]);
  await ctl("start");
  return {
    name,
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    /** Fast shutdown: open connections are ended, in-flight statements rolled back. */
    stop: () => ctl("stop", "-m", "fast"),
    start: () => ctl("start"),
    restart: () => ctl("restart", "-m", "fast"),
    drop: () => run("pg_dropcluster", [version, name, "--stop"]),
  };
}
