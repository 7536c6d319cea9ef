import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A PgBouncer of a test's own, in front of the test PostgreSQL server. */
export interface PgBouncer {
  /** Its process id. */
  pid: number;
  /** `databaseUrl` (a database on the server PgBouncer forwards to), through PgBouncer. */
  through(databaseUrl: string): string;
  /** What PgBouncer wrote to stderr so far (its log). */
  log(): string;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

/** Options of {@link startPgBouncer}. */
export interface PgBouncerOptions {
  /** PostgreSQL server to forward to (default TEST_POSTGRES_URL, else the local server). */
  postgresUrl?: string;
  /** `pool_mode` (default `transaction`). */
  poolMode?: "session" | "transaction";
  /** Server connections per database and user (`default_pool_size`, default 5). */
  poolSize?: number;
}

const BINARY = "/usr/sbin/pgbouncer";
const START_TIMEOUT_MS = 20_000;

/**
 * Starts Debian's PgBouncer (`apt-get install pgbouncer`) on a free loopback port, with its own
 * config in a temporary folder, forwarding every database to the test PostgreSQL server with
 * trust authentication. PgBouncer refuses to run as root, so as root it drops to `postgres`.
 * @throws Error when PgBouncer is not installed or does not accept connections in time.
 */
export async function startPgBouncer(options: PgBouncerOptions = {}): Promise<PgBouncer> {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: install Debian's pgbouncer (apt-get install pgbouncer)`);
  }
  const server = new URL(
    options.postgresUrl ??
      process.env.TEST_POSTGRES_URL ??
      "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  const user = decodeURIComponent(server.username || "postgres");
  const password = decodeURIComponent(server.password);
  const dir = await mkdtemp(path.join(tmpdir(), "otas-pgbouncer-"));
  // Readable by the user PgBouncer drops to; it holds no secret beyond the test server's URL.
  await chmod(dir, 0o755);
  const port = await freePort();
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  await writeFile(path.join(dir, "users.txt"), `${quote(user)} ${quote(password)}\n`);
  await writeFile(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || "5432"}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      `pool_mode = ${options.poolMode ?? "transaction"}`,
      `default_pool_size = ${options.poolSize ?? 5}`,
      "max_client_conn = 500",
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
  );
  const asRoot = process.getuid?.() === 0;
  const child = spawn(
    BINARY,
    [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(port, child);
  } catch (error) {
    await stop();
    throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    pid: child.pid ?? 0,
    through(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.href;
    },
    log: () => output,
    stop,
  };
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Resolves once a TCP connection to `port` succeeds; rejects if `child` exits or time runs out. */
async function untilListening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("it exited");
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on port ${port} within ${START_TIMEOUT_MS} ms`);
}
