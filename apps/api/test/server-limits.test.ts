import { connect } from "node:net";
import type { AppRouter } from "@otas/api";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";

const HEADERS_TIMEOUT_MS = 600;

/** Opens a raw connection to `url`'s host and port. */
function rawSocket(url: string) {
  const { hostname, port } = new URL(url);
  return connect({ host: hostname, port: Number(port) });
}

/** Everything the server sends until it closes the connection, and when it closed it. */
function untilClosed(socket: ReturnType<typeof rawSocket>) {
  return new Promise<{ text: string; closedAt: number }>((resolve) => {
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve({ text, closedAt: Date.now() }));
  });
}

describe("server limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      env: {
        HEADERS_TIMEOUT_MS,
        REQUEST_TIMEOUT_MS: 2 * HEADERS_TIMEOUT_MS,
        MAX_HEADER_SIZE_BYTES: 8192,
        BODY_LIMIT_BYTES: 4096,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("disconnects a client that sends its headers too slowly (slow-loris)", async () => {
    const socket = rawSocket(server.url);
    const closed = untilClosed(socket);
    const startedAt = Date.now();
    socket.write("POST /api/user/v1/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const header = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let sent = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(header[sent % header.length] ?? "a");
      sent += 1;
    }, 50);
    const { text, closedAt } = await closed;
    clearInterval(drip);
    // Node checks deadlines on a timer, so allow one checking interval and some slack.
    expect(closedAt - startedAt).toBeLessThan(HEADERS_TIMEOUT_MS * 3);
    expect(closedAt - startedAt).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toMatch(
      /\r\n\r\n\{"status":0,"status_description":"request_timeout","response_body":null\}$/,
    );
    expect(sent).toBeGreaterThan(5);
  });

  it("answers 431 to headers over the size limit", async () => {
    const socket = rawSocket(server.url);
    const closed = untilClosed(socket);
    socket.write(
      `POST /api/user/v1/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(10_000)}\r\n\r\n`,
    );
    const { text } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toMatch(/content-type: application\/json/i);
    expect(text).toMatch(
      /\r\n\r\n\{"status":0,"status_description":"headers_too_large","response_body":null\}$/,
    );
  });

  it("answers a request that is not HTTP with the envelope", async () => {
    const socket = rawSocket(server.url);
    const closed = untilClosed(socket);
    socket.write("HELLO THERE\r\n\r\n");
    const { text } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/\{"status":0,"status_description":"bad_request","response_body":null\}$/);
  });

  it("still serves ordinary requests", async () => {
    const res = await request(`${server.url}/api/user/v1/login/`, { body: {} });
    expect(res.status).toBe(401);
  });

  it.each([
    ["/api/user/v1/create/", "text/plain"],
    ["/api/user/v1/create/", "application/json"],
  ])("answers 413 with the envelope to a body over the limit on %s (%s)", async (path, type) => {
    const body = JSON.stringify({ first_name: "x".repeat(5000), last_name: "y" });
    const res = await request(`${server.url}${path}`, {
      body,
      headers: { "content-type": type },
    });
    expect([res.status, res.json]).toEqual([413, failure("payload_too_large")]);
  });

  it.each([
    ["httpLink", httpLink],
    ["httpBatchLink", httpBatchLink],
  ])("answers 413 over tRPC as a typed error (%s)", async (_name, link) => {
    const client = createTRPCClient<AppRouter>({ links: [link({ url: `${server.url}/trpc` })] });
    const big = {
      first_name: "x".repeat(5000),
      last_name: "y",
      email: "a@b.c",
      password: "secret1",
    };
    const error = await trpcFailure(client.user.create.mutate(big));
    expect(error.data).toMatchObject({ otasCode: "payload_too_large", httpStatus: 413 });
  });
});

describe("malformed Content-Type headers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(["", " ", "json", "a/b/c"])(
    "reads a REST body as JSON under %j, and tRPC refuses it with 400",
    async (type) => {
      const rest = await request(`${server.url}/api/user/v1/create/`, {
        body: "{}",
        headers: { "content-type": type },
      });
      expect([rest.status, rest.json]).toEqual([
        400,
        failure("missing_fields: first_name, last_name, email, password"),
      ]);
      const trpc = await request(`${server.url}/trpc/user.create`, {
        body: "{}",
        headers: { "content-type": type },
      });
      expect(trpc.status).toBe(400);
      expect(trpc.json).toMatchObject({
        error: { code: -32600, data: { code: "BAD_REQUEST", otasCode: "invalid_body" } },
      });
    },
  );
});
