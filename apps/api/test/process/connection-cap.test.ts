import { connect, type Socket } from "node:net";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";

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
