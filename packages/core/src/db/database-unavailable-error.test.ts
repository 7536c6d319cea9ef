import { createServer, type Server } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { DatabaseUnavailableError } from "./database-unavailable-error.js";
import { openDatabase } from "./open-database.js";
import { postgresSqlClient } from "./postgres-sql-client.js";
import { sql } from "./sql-client.js";

/** A loopback port with a server that runs `onConnection` for each connection. */
function listen(onConnection: (socket: import("node:net").Socket) => void) {
  return new Promise<{ server: Server; port: number }>((resolve) => {
    const server = createServer(onConnection).listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

/** What a statement on a one-connection pool to `url` is rejected with. */
async function failureOn(url: string, statement = sql`SELECT 1`): Promise<unknown> {
  const client = postgresSqlClient(new pg.Pool({ connectionString: url, max: 1 }), {
    connectTimeoutMs: 5000,
    statementTimeoutMs: 5000,
    lockTimeoutMs: 2000,
  });
  try {
    return await client.query(statement).then(
      () => undefined,
      (error: unknown) => error,
    );
  } finally {
    await client.close();
  }
}

describe("PostgreSQL failures of the connection", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql", { migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("says the database is unavailable when nothing listens (ECONNREFUSED)", async () => {
    const { server, port } = await listen(() => {});
    await new Promise((resolve) => server.close(resolve));
    const error = await failureOn(`postgresql://postgres@127.0.0.1:${port}/otas`);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("says so when the connection ends before an answer", async () => {
    const { server, port } = await listen((socket) => socket.destroy());
    try {
      const error = await failureOn(`postgresql://postgres@127.0.0.1:${port}/otas`);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(((error as Error).cause as Error).message).toMatch(/^Connection terminated/);
    } finally {
      server.close();
    }
  });

  it("gives up at the connect timeout when the server never answers (a blackholed host)", async () => {
    // Accepts the TCP connection and never says a word, as a host behind a dropping firewall.
    const sockets: import("node:net").Socket[] = [];
    const { server, port } = await listen((socket) => void sockets.push(socket));
    const database = await openDatabase(`postgresql://postgres@127.0.0.1:${port}/otas`, {
      connectTimeoutMs: 300,
    });
    try {
      const started = performance.now();
      const error = await database.sql.query(sql`SELECT 1`).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(((error as Error).cause as Error).message).toMatch(/timeout/);
    } finally {
      await database.close();
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it("leaves the database's own refusal of a statement as it is", async () => {
    const error = await failureOn(database.url, sql`SELECT * FROM no_such_table`);
    expect(error).not.toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toMatchObject({ code: "42P01" });
  });
});
