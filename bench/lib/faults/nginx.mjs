// Debian's nginx with the shipped configuration (deploy/nginx/), both instances of the service
// enabled, on ports of the run's own.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./service.mjs";

const NGINX = "/usr/sbin/nginx";

/** nginx's `fail_timeout` in the shipped configuration, in ms. */
export function shippedFailTimeoutMs() {
  const shipped = readFileSync(path.join(repoRoot, "deploy/nginx/otas-user-service.conf"), "utf8");
  return Number(/fail_timeout=(\d+)s/.exec(shipped)?.[1] ?? 10) * 1000;
}

/** Starts nginx on `port` in front of the instances on `servicePorts`; resolves once it answers. */
export async function startNginx(port, servicePorts, originalPort) {
  const shipped = readFileSync(path.join(repoRoot, "deploy/nginx/otas-user-service.conf"), "utf8");
  const site = shipped
    .replace("server 127.0.0.1:8000 ", `server 127.0.0.1:${servicePorts[0]} `)
    .replace("#server 127.0.0.1:8002 ", `server 127.0.0.1:${servicePorts[1]} `)
    .replace("server 127.0.0.1:8001;", `server 127.0.0.1:${originalPort};`)
    .replace("listen 80;", `listen 127.0.0.1:${port};`);
  const dir = mkdtempSync(path.join(tmpdir(), "otas-faults-nginx-"));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, "otas.conf"), site);
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`).join("\n")}
  include ${dir}/otas.conf;
}
`,
  );
  const child = spawn(
    NGINX,
    ["-p", dir, "-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`, "-g", "daemon off;"],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const up = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
