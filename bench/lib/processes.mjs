import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free loopback port (the OS picks it; it is released at once). */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A server not ready by then is reported as failing to start. */
const START_TIMEOUT_MS = 60_000;

/** Polls `check` every 10 ms until it answers true; fails when the process exits or time is up. */
async function until(child, check) {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the server was not ready within 60 s");
    }
    try {
      if (await check()) return;
    } catch {}
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) during start-up`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Starts `node <script>` on a free port (no wrapper: its pid is the server's, its children are
 * the workers) and resolves `ready` with its base URL once it serves: /healthz answers (200 from
 * the service) and, with workers, the primary's metrics count all of them serving. Logs may be
 * off (LOG_LEVEL=warn), so readiness is asked, not read from them.
 */
export async function startServer(script, env, { nodeArgs = [], workers = 1 } = {}) {
  const started = performance.now();
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH, ...env, PORT: String(port), METRICS_PORT: String(metricsPort) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const base = `http://127.0.0.1:${port}`;
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const server = {
    child,
    pid: child.pid,
    metricsUrl,
    readyMs: undefined,
    firstAnswerMs: undefined,
  };
  server.stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  server.ready = (async () => {
    await until(child, async () => {
      const res = await fetch(`${base}/healthz`);
      return script.endsWith("bare-server.mjs") || res.status === 200;
    });
    server.firstAnswerMs = performance.now() - started;
    if (workers > 1) {
      await until(child, async () => {
        const text = await (await fetch(metricsUrl)).text();
        return Number(/^otas_workers_serving (\S+)$/m.exec(text)?.[1]) === workers;
      });
    }
    server.readyMs = performance.now() - started;
    return base;
  })();
  return server;
}

/**
 * Cold start: spawns the server on a fresh database and measures until the first request
 * (GET /healthz) is answered 200, migrations included; with workers also until all serve.
 */
export async function measureColdStart(serverJs, env, workers) {
  const server = await startServer(serverJs, env, { workers });
  await server.ready;
  await server.stop();
  return { firstAnswerMs: server.firstAnswerMs, allServingMs: server.readyMs };
}
