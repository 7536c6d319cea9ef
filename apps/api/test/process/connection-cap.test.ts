import { readdir, readlink } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSERVED_GRACE_MS } from "../../src/limits/connection-cap.js";
import { type ServerProcess, spawnServer, waitForLog } from "../support/spawn-server.js";

/** The machine of the audit, scaled down: 1024 descriptors and 1050 idle sockets there. */
const FILE_DESCRIPTORS = 128;
const MAX_CONNECTIONS = 64;
const IDLE_SOCKETS = 150;

/**
 * A keep-alive connection that made one request and now sits idle: resolves once the server
 * answered it, or closed it (the cap refused it, or closed it as idle to make room).
 */
function idleConnection(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  return new Promise((resolve) => {
    socket.on("error", () => {});
    socket.once("data", () => resolve(socket));
    socket.once("close", () => resolve(socket));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe(`a server with ${FILE_DESCRIPTORS} file descriptors and MAX_CONNECTIONS=${MAX_CONNECTIONS}`, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await spawnServer(
      database.url,
      { MAX_CONNECTIONS: String(MAX_CONNECTIONS) },
      { fileDescriptorLimit: FILE_DESCRIPTORS },
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.stop();
    await database?.drop();
  });

  it(`still answers new requests after ${IDLE_SOCKETS} idle keep-alive connections`, async () => {
    for (let i = 0; i < IDLE_SOCKETS; i++) sockets.push(await idleConnection(server.url));
    const open = sockets.filter((socket) => !socket.destroyed && socket.readyState === "open");
    expect(open.length).toBeLessThanOrEqual(MAX_CONNECTIONS);
    // A connection beyond the cap is refused while the idle ones make room, so a client
    // retries once, as HTTP clients do on a connection closed before any answer.
    let status = 0;
    for (let attempt = 0; attempt < 2 && status !== 200; attempt++) {
      status = await fetch(`${server.url}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
    const warned = server.logs.find((line) => String(line.msg).startsWith("connection limit"));
    expect(warned).toMatchObject({ level: 40, maxConnections: MAX_CONNECTIONS });
  }, 60_000);
});

/** A socket of the test's: what it received (once read), and when it closed. */
interface Watched {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

/**
 * A connection to `url` that sends `first` (possibly nothing). Like an attacker's, it reads
 * nothing until `resume()` is called on it, so it never sees the server close it before then.
 */
function openSocket(url: string, first = ""): Promise<Watched> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  let text = "";
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return new Promise((resolve) =>
    socket.once("connect", () => {
      socket.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      socket.pause();
      if (first !== "") socket.write(first);
      resolve({ socket, received: () => text, closed });
    }),
  );
}

/** Reads what each socket was sent and resolves once the server closed every one (or fails). */
function allClosed(watched: Watched[], ms: number): Promise<void> {
  for (const { socket } of watched) socket.resume();
  return Promise.race([
    Promise.all(watched.map((entry) => entry.closed)).then(() => undefined),
    new Promise<void>((_, reject) =>
      setTimeout(() => reject(new Error(`sockets still open after ${ms} ms`)), ms),
    ),
  ]);
}

/** Sockets the process `pid` holds open (Linux). */
async function socketsHeldBy(pid: number): Promise<number> {
  const dir = `/proc/${pid}/fd`;
  const targets = await Promise.all(
    (await readdir(dir)).map((fd) => readlink(path.join(dir, fd)).catch(() => "")),
  );
  return targets.filter((target) => target.startsWith("socket:")).length;
}

/** Waits past the grace a connection gets to send its request's headers. */
const pastGrace = () => new Promise((resolve) => setTimeout(resolve, UNSERVED_GRACE_MS + 300));

describe("MAX_CONNECTIONS=20 held by sockets that send nothing, or their headers slowly", () => {
  const CAP = 20;
  let database: TestDatabase;
  let server: ServerProcess;
  const held: Watched[] = [];
  const timers: NodeJS.Timeout[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    // Every deadline of Node's far beyond the test's bound: only the cap can make room in time.
    server = await spawnServer(database.url, {
      MAX_CONNECTIONS: String(CAP),
      HEADERS_TIMEOUT_MS: "60000",
      REQUEST_TIMEOUT_MS: "60000",
    });
  });
  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const { socket } of held) socket.destroy();
    await server?.stop();
    await database?.drop();
  });

  const healthz = () =>
    fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      (res) => res.status,
      (error: Error) => String(error.cause ?? error),
    );

  it("serves a real client at once and closes the silent sockets", async () => {
    const silent = await Promise.all(Array.from({ length: CAP }, () => openSocket(server.url)));
    held.push(...silent);
    await pastGrace();
    expect(await healthz()).toBe(200);
    await allClosed(silent, 5000);
  });

  it("does the same with sockets sending their headers a byte at a time", async () => {
    const slow = await Promise.all(
      Array.from({ length: CAP }, () =>
        openSocket(server.url, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "),
      ),
    );
    held.push(...slow);
    for (const { socket } of slow) {
      timers.push(setInterval(() => socket.writable && socket.write("a"), 200));
    }
    await pastGrace();
    expect(await healthz()).toBe(200);
    await allClosed(slow, 5000);
  });

  it("never cuts a request in progress: then a new connection is refused", async () => {
    const body = '{"first_name": "Slow"}';
    const uploading = await Promise.all(
      Array.from({ length: CAP }, () =>
        openSocket(
          server.url,
          `POST /api/user/v1/create/ HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n{`,
        ),
      ),
    );
    held.push(...uploading);
    await pastGrace();
    expect(await healthz()).toMatch(/ECONNRESET|other side closed|SocketError/);
    const warned = await waitForLog(server, (line) =>
      String(line.msg).includes("none could be closed"),
    );
    expect(warned).toMatchObject({ level: 40, maxConnections: CAP });
    // Each upload completes and is answered on its connection.
    for (const { socket } of uploading) socket.end(body.slice(1));
    await allClosed(uploading, 5000);
    for (const { received } of uploading) {
      expect(received()).toMatch(
        /^HTTP\/1\.1 400 [\s\S]*"missing_fields: last_name, email, password"/,
      );
    }
  });
});

describe("clients that never send a request and never read", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const silent: Watched[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    server = await spawnServer(database.url, { HEADERS_TIMEOUT_MS: "1000" });
  });
  afterAll(async () => {
    for (const { socket } of silent) socket.destroy();
    await server?.stop();
    await database?.drop();
  });

  it("lose their sockets after HEADERS_TIMEOUT_MS, not CONNECTION_TIMEOUT_MS", async () => {
    const pid = server.child.pid as number;
    const before = await socketsHeldBy(pid);
    silent.push(...(await Promise.all(Array.from({ length: 10 }, () => openSocket(server.url)))));
    await expect.poll(() => socketsHeldBy(pid), { timeout: 2000 }).toBe(before + 10);
    await expect.poll(() => socketsHeldBy(pid), { timeout: 10_000, interval: 200 }).toBe(before);
    await allClosed(silent, 5000);
    for (const { received } of silent) {
      expect(received()).toMatch(
        /^HTTP\/1\.1 408 [\s\S]*\r\n\r\n\{"status":0,"status_description":"request_timeout","response_body":null\}$/,
      );
    }
  });
});
