import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

/** A free loopback port (the OS picks it; it is released at once). */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>` and resolves once it printed a JSON line with `address`. */
export function startServer(script, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const address = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const entry = JSON.parse(line);
        if (typeof entry.address === "string") resolve(entry.address);
      } catch {}
    });
    exited.then((code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
  return {
    child,
    address,
    /** Peak resident memory so far (VmHWM), in MiB. */
    peakRssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kib / 1024;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Cold start: spawns the real server on a fresh database and measures until the first request
 * (GET /healthz) is answered 200, polling every 5 ms. Includes applying the migrations.
 */
export async function measureColdStart(serverJs, env) {
  const port = await freePort();
  const started = performance.now();
  const server = startServer(serverJs, { ...env, PORT: String(port), HOST: "127.0.0.1" });
  const url = `http://127.0.0.1:${port}/healthz`;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) break;
    } catch {}
    if (server.child.exitCode !== null) throw new Error("the server exited during start-up");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ms = performance.now() - started;
  await server.stop();
  return ms;
}
