import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonResponse, request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { uniqueEmail } from "./support/users.js";

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  [field: string]: unknown;
}

/** Fields only a line about a request has. */
const REQUEST_FIELDS = ["req", "res", "err", "responseTime", "reference"];

describe("structured request logs", () => {
  let server: TestServer;
  const responses: JsonResponse[] = [];
  const secrets: string[] = [];
  const passwords = {
    first: "Log-Test-Password-1",
    second: "Log-Test-Password-2",
    wrong: "Log-Test-Wrong-Guess",
    broken: "Log-Test-Broken-Storage",
  };

  beforeAll(async () => {
    server = await startTestServer("postgresql");
    secrets.push(...Object.values(passwords));
    const call = async (
      path: string,
      init: { method?: string; body?: unknown; token?: string } = {},
    ) => {
      const res = await request(`${server.url}${path}`, {
        ...(init.method === undefined ? {} : { method: init.method }),
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.token === undefined ? {} : { headers: { "x-otas-user-token": init.token } }),
      });
      responses.push(res);
      return res;
    };
    // Create answers under `response_body`, login under `response`.
    const tokenOf = (res: JsonResponse) => {
      const body = res.json as Record<string, { jwt_token?: string } | undefined>;
      return (body.response_body ?? body.response)?.jwt_token ?? "";
    };
    const hashOf = async (email: string) =>
      (await server.deps.users.findCredentialsByEmail(email))?.passwordHash ?? "";

    const email = uniqueEmail("logs");
    const names = { first_name: "Log", last_name: "Test" };
    const created = await call("/api/user/v1/create/", {
      body: { ...names, email, password: passwords.first },
    });
    const token = tokenOf(created);
    secrets.push(token, await hashOf(email));
    secrets.push(
      tokenOf(await call("/api/user/v1/login/", { body: { email, password: passwords.first } })),
      tokenOf(await call("/api/user/v1/login/", { body: { email, Password: passwords.first } })),
    );
    await call("/api/user/v1/authenticate/", { token });
    await call("/api/user/v1/edit/", { method: "PUT", body: names, token });
    await call("/api/user/v1/reset-password/update/", {
      method: "PUT",
      body: { password: passwords.second },
      token,
    });
    secrets.push(await hashOf(email));
    await call("/trpc/user.me", { method: "GET", token });
    // Failures.
    await call("/api/user/v1/login/", { body: { email, password: passwords.wrong } });
    await call("/api/user/v1/authenticate/", { token: "not-a-valid-token" });
    await call("/api/user/v1/edit/", { method: "PUT", body: names });
    await call("/api/user/v1/create/", { body: { email, password: passwords.first } });
    await server.breakStorage();
    await call("/api/user/v1/create/", {
      body: { ...names, email: uniqueEmail("broken"), password: passwords.broken },
    });
    await call("/api/user/v1/login/", { body: { email, Password: passwords.broken } });
    await call("/api/user/v1/reset-password/update/", {
      method: "PUT",
      body: { password: passwords.broken },
      token,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const lines = () => server.logs.map((text) => JSON.parse(text) as LogLine);

  it("made the requests it meant to, failures included", () => {
    expect(responses.map((res) => res.status)).toEqual([
      200, 200, 200, 200, 200, 200, 200, 401, 401, 400, 400, 400, 500, 500,
    ]);
    expect(secrets.every((secret) => secret.length >= 16)).toBe(true);
  });

  it("writes every line as one JSON object", () => {
    expect(server.logs.length).toBeGreaterThan(responses.length);
    for (const text of server.logs) {
      expect(() => JSON.parse(text), text).not.toThrow();
      expect(text.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  it("puts the request id of the response on every line about its request", () => {
    const requestIds = responses.map((res) => res.headers.get("x-request-id"));
    expect(new Set(requestIds).size).toBe(responses.length);
    for (const line of lines()) {
      if (REQUEST_FIELDS.some((field) => field in line)) {
        expect(line.reqId, JSON.stringify(line)).toBeDefined();
      }
      if (line.reqId !== undefined) expect(requestIds).toContain(line.reqId);
    }
    for (const res of responses) {
      const own = lines().filter((line) => line.reqId === res.headers.get("x-request-id"));
      // One line per request at info level: what was asked, by whom, and how it ended.
      expect(own.filter((line) => line.msg === "request completed")).toHaveLength(1);
      expect(own.find((line) => line.msg === "request completed")).toMatchObject({
        req: { method: expect.any(String), url: expect.any(String), remoteAddress: "127.0.0.1" },
        res: { statusCode: res.status },
        responseTime: expect.any(Number),
      });
      expect(own.find((line) => line.msg === "incoming request")).toBeUndefined();
    }
  });

  it("logs each unexpected failure under the request id the client was given", () => {
    const failed = responses.filter((res) => res.text.includes("server_error"));
    expect(failed).toHaveLength(3);
    for (const res of failed) {
      const reqId = res.headers.get("x-request-id");
      expect(res.text).toContain(`server_error: ${reqId}`);
      expect(lines().find((line) => line.reqId === reqId && line.level === 50)).toMatchObject({
        msg: "unexpected failure",
        reference: reqId,
      });
    }
  });

  it("logs why a token was refused, under its request id, without the token", () => {
    const refused = responses.find((res) => res.text.includes('"invalid_token"'));
    const reqId = refused?.headers.get("x-request-id");
    expect(
      lines().find((line) => line.reqId === reqId && line.msg === "request refused"),
    ).toMatchObject({
      level: 30,
      code: "invalid_token",
      reason: "jwt malformed",
    });
  });

  it("never writes a password, a stored hash or a token", () => {
    const everything = server.logs.join("\n");
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
