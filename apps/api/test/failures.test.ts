import { openDatabase } from "@otas/core";
import { createFakeDeps } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { failure, request } from "./support/http.js";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";

const UUID = /^[0-9a-f-]{36}$/;

describe.each(providers)("unexpected failures and secrecy on %s", (provider) => {
  let server: TestServer;
  const password = "Correct-Horse-Battery-Staple-42";
  beforeAll(async () => {
    server = await startTestServer(provider);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("never shows a password, its hash or a token in any response or log line", async () => {
    const email = `secret.${Date.now()}@example.com`;
    const created = await request(`${server.url}/api/user/v1/create/`, {
      body: { first_name: "S", last_name: "T", email, password },
    });
    expect(created.status).toBe(200);
    const token = (created.json as { response_body: { jwt_token: string } }).response_body
      .jwt_token;
    const again = await request(`${server.url}/api/user/v1/create/`, {
      body: { first_name: "S", last_name: "T", email, password, Password: password },
      headers: { "x-otas-user-token": token },
    });
    expect(again.status).toBe(400);
    const hash = (await server.deps.users.findCredentialsByEmail(email))?.passwordHash ?? "";
    expect(hash.length).toBeGreaterThan(20);
    for (const text of [created.text, again.text, ...server.logs]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(hash);
    }
    expect(server.logs.join("\n")).not.toContain(token);
    expect(server.logs.length).toBeGreaterThan(0);
  });

  it("answers healthz 200 while the database answers", async () => {
    const res = await request(`${server.url}/healthz`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("serves the OpenAPI document with the create path", async () => {
    const res = await request(`${server.url}/openapi.json`, { method: "GET" });
    expect(res.status).toBe(200);
    expect(Object.keys((res.json as { paths: object }).paths)).toContain("/api/user/v1/create/");
  });

  it("answers server_error with an opaque reference found in the log, and no internals", async () => {
    await server.breakStorage();
    const password2 = "another-secret-99";
    const res = await request(`${server.url}/api/user/v1/create/`, {
      body: {
        first_name: "S",
        last_name: "T",
        email: `broken.${Date.now()}@example.com`,
        password: password2,
      },
    });
    expect(res.status).toBe(400);
    const description = (res.json as { status_description: string }).status_description;
    expect(res.json).toEqual(failure(description));
    const [code, reference] = description.split(": ");
    expect(code).toBe("server_error");
    expect(reference).toMatch(UUID);
    expect(res.headers.get("x-request-id")).toBe(reference);
    const logLine = server.logs.find((line) => line.includes(`"reference":"${reference}"`));
    expect(logLine).toBeDefined();
    const logged = JSON.parse(logLine ?? "{}");
    expect(logged).toMatchObject({ level: 50, msg: "unexpected failure", reqId: reference });
    expect(logged.err.message).toMatch(/users/);
    expect(server.logs.join("\n")).not.toContain(password2);
    expect(res.text).not.toMatch(/users_gone|users|prisma|SQL|at .*\.js/i);
  });
});

describe("healthz without a database", () => {
  it("answers 503 when the database does not answer", async () => {
    const database = await openDatabase("postgresql://postgres@127.0.0.1:9/unreachable");
    const app = await buildApp({
      env: { LOG_LEVEL: "silent", CORS_ORIGINS: ["*"], BODY_LIMIT_BYTES: 65_536 },
      deps: createFakeDeps().deps,
      database,
    });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const res = await request(`${url}/healthz`, { method: "GET" });
      expect([res.status, res.json]).toEqual([503, { status: "unavailable" }]);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
