import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./spawn-server.js";

/** Debian's nginx (`apt-get install nginx`). */
const NGINX = "/usr/sbin/nginx";
const SHIPPED_CONFIG = path.join(repoRoot, "deploy/nginx/otas-user-service.conf");

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request from a chosen loopback address, on its own connection. */
export function send(
  port: number,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "POST",
        headers: options.headers,
        localAddress: options.from ?? "127.0.0.1",
        agent: false,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Whether something answers HTTP on the port within `milliseconds`. */
async function answersWithin(port: number, milliseconds: number): Promise<boolean> {
  const deadline = Date.now() + milliseconds;
  while (Date.now() < deadline) {
    const answered = await send(port, "/", { method: "GET" }).then(
      () => true,
      () => false,
    );
    if (answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** The ports the shipped configuration is pointed at. */
export interface NginxPorts {
  nginx: number;
  /** This service's instances: the first, and the second one the file has commented out. */
  service: [number] | [number, number];
  original: number;
}

/** The shipped configuration with the test's ports (the second instance enabled when given). */
export async function shippedConfig(ports: NginxPorts): Promise<string> {
  const shipped = await readFile(SHIPPED_CONFIG, "utf8");
  const [first, second] = ports.service;
  let site = shipped
    .replace("server 127.0.0.1:8000 ", `server 127.0.0.1:${first} `)
    .replace("server 127.0.0.1:8001;", `server 127.0.0.1:${ports.original};`)
    .replace("listen 80;", `listen 127.0.0.1:${ports.nginx};`);
  if (second !== undefined) {
    site = site.replace("#server 127.0.0.1:8002 ", `server 127.0.0.1:${second} `);
  }
  for (const port of [first, second, ports.original, ports.nginx]) {
    if (port !== undefined && !site.includes(`127.0.0.1:${port}`)) {
      throw new Error(`the shipped nginx configuration no longer has the line for port ${port}`);
    }
  }
  return site;
}

/** Debian's nginx running a site configuration, as the test's own processes and files. */
export interface RunningNginx {
  port: number;
  /** Its error log so far. */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts nginx on `port` with `site` inside a minimal nginx.conf; resolves once it answers. */
export async function startNginx(port: number, site: string): Promise<RunningNginx> {
  if (!existsSync(NGINX)) {
    throw new Error(
      `This test runs Debian's nginx at ${NGINX}: install it with \`apt-get install nginx\` (.ci/run does).`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), "otas-nginx-"));
  // nginx's workers drop root privileges; they must reach the temp folders.
  await chmod(dir, 0o755);
  await writeFile(path.join(dir, "otas.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind};`)
    .join("\n");
  await writeFile(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
${temp}
  include ${dir}/otas.conf;
}
`,
  );
  const errorLogFile = path.join(dir, "error.log");
  const nginx: ChildProcess = spawn(
    NGINX,
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", errorLogFile, "-g", "daemon off;"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  nginx.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const errorLog = () => readFile(errorLogFile, "utf8").catch(() => "");
  const exited = new Promise((resolve) => nginx.once("exit", resolve));
  const stop = async () => {
    if (nginx.exitCode === null) nginx.kill("SIGQUIT");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  if (!(await answersWithin(port, 10_000))) {
    const log = await errorLog();
    await stop();
    throw new Error(`nginx did not start: ${stderr}${log}`);
  }
  return { port, errorLog, stop };
}
