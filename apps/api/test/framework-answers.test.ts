import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceMetrics, type ServiceMetrics } from "../src/metrics/service-metrics.js";
import { failure, type JsonResponse } from "./support/http.js";
import { parsePrometheus, total } from "./support/prometheus.js";
import { rawRequest } from "./support/raw-request.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { trpcError } from "./support/trpc.js";

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  [field: string]: unknown;
}

const METHOD_NOT_ALLOWED = trpcError("method_not_allowed", -32005, "METHOD_NOT_SUPPORTED", 405);

/** What every error answer carries besides its body. */
function expectServiceHeaders(res: JsonResponse) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
}

// Answers the audit found in a framework's shape, or wrong: none of it depends on the database.
describe("answers to methods, preflights and headers the API does not serve", () => {
  let server: TestServer;
  let metrics: ServiceMetrics;
  const lines = () => server.logs.map((text) => JSON.parse(text) as LogLine);
  const linesOf = (res: JsonResponse) =>
    lines().filter((line) => line.reqId === res.headers.get("x-request-id"));
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    rawRequest(server.url, { method, path, headers });

  beforeAll(async () => {
    metrics = createServiceMetrics();
    server = await startTestServer("sqlite", { metrics, env: { MAX_HEADER_SIZE_BYTES: 8192 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("TRACE", () => {
    it.each([
      ["/trpc/user.me", "GET"],
      ["/trpc/user.create", "POST"],
      ["/trpc/user.me,user.me?batch=1", "GET, POST"],
      ["/trpc/user.nope", "GET, POST"],
    ])(
      "on %s is 405 method_not_allowed in tRPC's shape, Allow: %s, at info",
      async (path, allow) => {
        const res = await send("TRACE", path, { "x-otas-user-token": "whatever" });
        // A batch gets one error per call it named, as from tRPC itself.
        const body = path.includes("batch=1")
          ? [METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED]
          : METHOD_NOT_ALLOWED;
        expect([res.status, res.json]).toEqual([405, body]);
        expect(res.headers.get("allow")).toBe(allow);
        expectServiceHeaders(res);
        expect(linesOf(res).find((line) => line.msg === "request refused")).toMatchObject({
          level: 30,
          code: "method_not_allowed",
        });
        expect(linesOf(res).filter((line) => line.level >= 50)).toEqual([]);
      },
    );

    it.each([
      ["/api/user/v1/login/", "POST"],
      ["/api/user/v1/login", "POST"],
      ["/api/user/v1/edit/", "PUT"],
      ["/v1/user/reset-password/update/", "PUT"],
    ])("on the legacy path %s is 405 with the envelope, Allow: %s", async (path, allow) => {
      const res = await send("TRACE", path);
      expect([res.status, res.json]).toEqual([405, failure("method_not_allowed")]);
      expect(res.headers.get("allow")).toBe(allow);
      expectServiceHeaders(res);
    });

    it("is never counted as an unexpected failure", async () => {
      await send("TRACE", "/trpc/user.me");
      const samples = parsePrometheus(await metrics.registry.metrics());
      expect(total(samples, "otas_unexpected_failures_total")).toBe(0);
      expect(lines().filter((line) => line.level >= 50)).toEqual([]);
    });
  });

  describe("OPTIONS without a preflight's headers", () => {
    it.each([
      ["/api/user/v1/login/", {}],
      ["/api/user/v1/login/", { origin: "https://app.example" }],
      ["/api/user/v1/login/", { "access-control-request-method": "POST" }],
      ["/no/such/path", {}],
    ])("on %s %j is 400 bad_request with the envelope", async (path, headers) => {
      const res = await send("OPTIONS", path, headers);
      expect([res.status, res.json]).toEqual([400, failure("bad_request")]);
      expectServiceHeaders(res);
      expect(linesOf(res).find((line) => line.msg === "request refused")).toMatchObject({
        level: 30,
        code: "bad_request",
      });
    });

    it("under /trpc is 400 bad_request in tRPC's shape", async () => {
      const res = await send("OPTIONS", "/trpc/user.me");
      expect([res.status, res.json]).toEqual([
        400,
        trpcError("bad_request", -32600, "BAD_REQUEST", 400),
      ]);
      expectServiceHeaders(res);
    });

    it("leaves a real preflight to CORS", async () => {
      const res = await send("OPTIONS", "/v1/user/reset-password/update/", {
        origin: "https://app.example",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "user_token",
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-headers")).toContain("USER_TOKEN");
    });
  });

  describe("an Expect header", () => {
    it("that is not 100-continue is answered as if absent, not with Node's bare 417", async () => {
      const res = await rawRequest(server.url, {
        method: "POST",
        path: "/api/user/v1/login/",
        headers: { expect: "bogus-expectation", "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
      });
      expect([res.status, res.json]).toEqual([
        401,
        { status: 0, status_description: "login_failed" },
      ]);
      expectServiceHeaders(res);
      const trpc = await send("GET", "/trpc/user.me", { expect: "x-custom" });
      expect(trpc.status).toBe(401);
      expect(trpc.json).toEqual(trpcError("missing_token", -32001, "UNAUTHORIZED", 401));
    });

    it("that is 100-continue still gets its 100 Continue", async () => {
      const res = await rawRequest(server.url, {
        method: "POST",
        path: "/api/user/v1/login/",
        headers: { expect: "100-continue", "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
      });
      expect(res.status).toBe(401);
    });
  });

  it("answers headers over the limit 431 with Cache-Control: no-store", async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect({ host: hostname, port: Number(port) });
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
    });
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.on("error", () => {});
    socket.write(
      `GET /api/user/v1/login/ HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(9000)}\r\n\r\n`,
    );
    await closed;
    const [head = "", body] = text.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain("\r\ncache-control: no-store\r\n");
    expect(JSON.parse(body ?? "")).toEqual(failure("headers_too_large"));
  });
});
