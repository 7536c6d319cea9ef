import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonResponse, request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

// Caching and framing do not depend on the database.
describe("caching and framing headers", () => {
  let server: TestServer;
  let token: string;
  let email: string;
  const api = (path: string) => `${server.url}/api/user/v1/${path}`;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    ({ token, email } = await registerUser(server.url));
  });
  afterAll(async () => {
    await server?.close();
  });

  const cacheControl = (res: JsonResponse) => res.headers.get("cache-control");

  it("answers every call carrying a user or a token with Cache-Control: no-store", async () => {
    const auth = { "x-otas-user-token": token };
    const answers = {
      create: await request(api("create/"), {
        body: { first_name: "A", last_name: "B", email: `x.${email}`, password: "secret1" },
      }),
      login: await request(api("login/"), { body: { email, password: "secret1" } }),
      authenticate: await request(api("authenticate/"), { headers: auth }),
      edit: await request(api("edit/"), {
        method: "PUT",
        body: { first_name: "A", last_name: "B" },
        headers: auth,
      }),
      passwordUpdate: await request(api("reset-password/update/"), {
        method: "PUT",
        body: { password: "secret1" },
        headers: auth,
      }),
      trpcMe: await request(`${server.url}/trpc/user.me`, { method: "GET", headers: auth }),
      trpcAuthenticate: await request(`${server.url}/trpc/user.authenticate`, {
        headers: { ...auth, "content-type": "application/json" },
      }),
      trpcLogin: await request(`${server.url}/trpc/user.login`, {
        body: { email, password: "secret1" },
      }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect([name, res.status, cacheControl(res)]).toEqual([name, 200, "no-store"]);
    }
  });

  it("keeps failures and other answers out of caches too", async () => {
    const answers = [
      await request(api("login/"), { body: { email, password: "wrong-password" } }),
      await request(api("authenticate/"), { headers: { "x-otas-user-token": "nope" } }),
      await request(`${server.url}/trpc/user.me`, { method: "GET" }),
      await request(`${server.url}/api/nowhere`, { method: "GET" }),
      await request(`${server.url}/healthz`, { method: "GET" }),
      await request(`${server.url}/openapi.json`, { method: "GET" }),
    ];
    expect(answers.map(cacheControl)).toEqual(answers.map(() => "no-store"));
  });

  it("sends the docs page with a Content-Security-Policy and refuses framing", async () => {
    for (const path of ["/docs", "/docs/", "/docs/json", "/docs/static/swagger-initializer.js"]) {
      const res = await request(`${server.url}${path}`, { method: "GET" });
      expect([path, res.status]).toEqual([path, 200]);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
      // Scripts only from this server: no inline script, no eval.
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
