import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type JsonResponse, request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { trpcError } from "./support/trpc.js";
import { registerUser } from "./support/users.js";

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  [field: string]: unknown;
}

/** Sends `path` exactly as written (fetch would resolve `..` first). */
function rawGet(baseUrl: string, path: string) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    httpRequest({ hostname, port, path, method: "GET" }, (res) => {
      let text = "";
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    })
      .on("error", reject)
      .end();
  });
}

// None of this depends on the database.
describe("requests refused before a procedure runs", () => {
  let server: TestServer;
  let token: string;
  const lines = () => server.logs.map((text) => JSON.parse(text) as LogLine);
  const linesOf = (res: JsonResponse) =>
    lines().filter((line) => line.reqId === res.headers.get("x-request-id"));
  beforeAll(async () => {
    // Debug: the "incoming request" line tells the abort tests the server has begun a request.
    server = await startTestServer("sqlite", { env: { LOG_LEVEL: "debug" } });
    ({ token } = await registerUser(server.url));
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("a malformed JSON body on /trpc", () => {
    const password = "s3cr3t!-Malformed-17";
    const malformed = `{"email":"a@b.c","password": ${password}}`;

    it.each(["user.login", "user.create"])(
      "is 400 PARSE_ERROR invalid_json on %s, and the body never reaches the log",
      async (procedure) => {
        const res = await request(`${server.url}/trpc/${procedure}`, {
          body: malformed,
          headers: { "content-type": "application/json" },
        });
        expect(res.status).toBe(400);
        expect(res.json).toEqual(trpcError("invalid_json", -32700, "PARSE_ERROR", 400));
        expect(res.text).not.toContain("s3cr3t");
        const own = linesOf(res);
        expect(own.length).toBeGreaterThan(0);
        expect(own.filter((line) => line.level >= 50)).toEqual([]);
        expect(server.logs.join("\n")).not.toMatch(/s3cr3t|Malformed-17|Unexpected token/);
      },
    );

    it("is invalid_json in a batch too", async () => {
      const batch = await request(`${server.url}/trpc/user.login?batch=1`, {
        body: `{"0": ${malformed}}`,
        headers: { "content-type": "application/json" },
      });
      expect([batch.status, batch.json]).toEqual([
        400,
        [trpcError("invalid_json", -32700, "PARSE_ERROR", 400)],
      ]);
    });
  });

  describe("error shapes that leaked the framework", () => {
    it("answers a URL that does not decode with the envelope, or tRPC's shape under /trpc", async () => {
      const rest = await request(`${server.url}/api/user/v1/%zz`, { method: "GET" });
      expect([rest.status, rest.json]).toEqual([400, failure("bad_request")]);
      expect(rest.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const trpc = await request(`${server.url}/trpc/%zz`, { method: "GET" });
      expect([trpc.status, trpc.json]).toEqual([
        400,
        trpcError("bad_request", -32600, "BAD_REQUEST", 400),
      ]);
    });

    it("answers a tRPC path over the router's length limit in tRPC's shape", async () => {
      const calls = Array.from({ length: 200 }, () => "user.me");
      const batch = await request(`${server.url}/trpc/${calls.join(",")}?batch=1`, {
        method: "GET",
      });
      expect(batch.status).toBe(400);
      expect(batch.json).toEqual(
        calls.map(() => trpcError("batch_not_allowed", -32600, "BAD_REQUEST", 400)),
      );
      const single = await request(`${server.url}/trpc/${"x".repeat(1100)}`, { method: "GET" });
      expect([single.status, single.json]).toEqual([
        404,
        trpcError("not_found", -32004, "NOT_FOUND", 404),
      ]);
    });

    it("answers an unknown tRPC procedure not_found, not server_error", async () => {
      const res = await request(`${server.url}/trpc/user.nope`, { method: "GET" });
      expect([res.status, res.json]).toEqual([
        404,
        trpcError("not_found", -32004, "NOT_FOUND", 404),
      ]);
    });

    it("answers a wrong method method_not_allowed with Allow", async () => {
      const query = await request(`${server.url}/trpc/user.create`, { method: "GET" });
      expect([query.status, query.json]).toEqual([
        405,
        trpcError("method_not_allowed", -32005, "METHOD_NOT_SUPPORTED", 405),
      ]);
      expect(query.headers.get("allow")).toBe("POST");
      const mutation = await request(`${server.url}/trpc/user.me`, {
        headers: { "content-type": "application/json", "x-otas-user-token": token },
      });
      expect([mutation.status, mutation.headers.get("allow")]).toEqual([405, "GET"]);
    });

    it.each([
      ["text/plain", "POST"],
      [undefined, "POST"],
      [undefined, "PUT"],
    ])(
      "answers a media type tRPC does not take (%s, %s) invalid_body, as JSON",
      async (type, method) => {
        const res = await request(`${server.url}/trpc/user.create`, {
          method,
          body: "{}",
          headers: type === undefined ? {} : { "content-type": type },
        });
        expect([res.status, res.json]).toEqual([
          400,
          trpcError("invalid_body", -32600, "BAD_REQUEST", 400),
        ]);
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      },
    );

    it.each(["/docs/static/../../package.json", "/docs/static/%2e%2e/%2e%2e/package.json"])(
      "answers %s not_found with the envelope",
      async (path) => {
        const res = await rawGet(server.url, path);
        expect([res.status, res.json]).toEqual([404, failure("not_found")]);
      },
    );

    it("answers an unknown path under /trpc in tRPC's shape", async () => {
      const res = await request(`${server.url}/trpc/user/me`, { method: "GET" });
      expect([res.status, res.json]).toEqual([
        404,
        trpcError("not_found", -32004, "NOT_FOUND", 404),
      ]);
    });
  });

  it.each(["/api/user/v1/create/", "/trpc/user.create"])(
    "logs a client that closes %s mid-body at info, not as an unexpected failure",
    async (path) => {
      const before = server.logs.length;
      const { hostname, port } = new URL(server.url);
      const socket = connect({ host: hostname, port: Number(port) });
      socket.on("error", () => {});
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          'Content-Length: 500\r\n\r\n{"first_name"',
      );
      // Once the server has seen the request start, the client goes away.
      await expect
        .poll(() => server.logs.slice(before).some((text) => text.includes("incoming request")))
        .toBe(true);
      socket.destroy();
      await expect
        .poll(() =>
          lines()
            .slice(before)
            .find((line) => line.msg === "client closed the connection"),
        )
        .toMatchObject({ level: 30 });
    },
  );

  it("logged none of it as an error", () => {
    expect(lines().filter((line) => line.level >= 50)).toEqual([]);
  });
});
