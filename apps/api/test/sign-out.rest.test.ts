import { createUser, createUserInput, parseInput } from "@otas/core";
import { handMadeToken } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceMetrics, type ServiceMetrics } from "../src/metrics/service-metrics.js";
import { failure, request } from "./support/http.js";
import { parsePrometheus, total } from "./support/prometheus.js";
import {
  providers,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from "./support/test-server.js";
import { registerUser } from "./support/users.js";

const LOGGED_OUT = { status: 1, status_description: "logged_out", response_body: null };
const LOGGED_OUT_EVERYWHERE = {
  status: 1,
  status_description: "logged_out_everywhere",
  response_body: null,
};

describe.each(providers)("signing out over REST on %s", (provider) => {
  let server: TestServer;
  let metrics: ServiceMetrics;
  const url = (path: string) => `${server.url}/api/user/v1/${path}`;
  beforeAll(async () => {
    metrics = createServiceMetrics();
    server = await startTestServer(provider, { metrics });
  });
  afterAll(async () => {
    await server?.close();
  });

  const as = (token: string) => ({ "x-otas-user-token": token });
  const status = async (
    path: string,
    token: string,
    init: { method?: string; body?: unknown } = {},
  ) => (await request(url(path), { ...init, headers: as(token) })).status;
  const signIn = async (email: string, password: string) => {
    const res = await request(url("login/"), { body: { email, password } });
    return (res.json as { response: { jwt_token: string } }).response.jwt_token;
  };
  /** A token as the original service issued it: the shared claims, no session. */
  const original = (user: Record<string, string>, secondsAgo = 60) => {
    const iat = Math.floor(Date.now() / 1000) - secondsAgo;
    return handMadeToken(
      { user_id: user.id, email: user.email, iat, exp: iat + 3600 },
      { secret: TEST_JWT_SECRET },
    );
  };

  it("logout/ ends the token's session: refused by every protected path after, other sessions untouched", async () => {
    const { token, email, password } = await registerUser(server.url);
    const other = await signIn(email, password);
    const res = await request(url("logout/"), { headers: as(token) });
    expect([res.status, res.json]).toEqual([200, LOGGED_OUT]);
    expect(res.headers.get("cache-control")).toBe("no-store");
    for (const [path, init] of [
      ["authenticate/", {}],
      ["edit/", { method: "PUT", body: { first_name: "A", last_name: "B" } }],
      ["reset-password/update/", { method: "PUT", body: { password: "another1" } }],
      ["logout/", {}],
      ["logout-all/", {}],
    ] as const) {
      const refused = await request(url(path), { ...init, headers: as(token) });
      expect([path, refused.status, refused.json]).toEqual([path, 401, failure("invalid_token")]);
    }
    const webPage = await request(`${server.url}/v1/user/reset-password/update/`, {
      method: "PUT",
      body: { password: "another1" },
      headers: { USER_TOKEN: token },
    });
    expect([webPage.status, webPage.json]).toEqual([401, failure("invalid_token")]);
    expect(await status("authenticate/", other)).toBe(200);
  });

  it("logout/ of a token the original service issued refuses that token, and no other", async () => {
    const { user, token } = await registerUser(server.url);
    const [first, second] = [original(user), original(user, 120)];
    expect(await status("authenticate/", first)).toBe(200);
    const res = await request(url("logout/"), { headers: as(first) });
    expect([res.status, res.json]).toEqual([200, LOGGED_OUT]);
    expect(await status("authenticate/", first)).toBe(401);
    expect(await status("authenticate/", second)).toBe(200);
    expect(await status("authenticate/", token)).toBe(200);
  });

  it("logout-all/ refuses every token of the account issued until now, the caller's and the original's included", async () => {
    const { user, token, email, password } = await registerUser(server.url);
    const other = await signIn(email, password);
    const fromOriginal = original(user);
    const bystander = await registerUser(server.url);
    const res = await request(url("logout-all/"), { headers: as(other) });
    expect([res.status, res.json]).toEqual([200, LOGGED_OUT_EVERYWHERE]);
    for (const each of [token, other, fromOriginal]) {
      expect(await status("authenticate/", each)).toBe(401);
    }
    expect(await status("authenticate/", bystander.token)).toBe(200);
    expect(await status("authenticate/", await signIn(email, password))).toBe(200);
  });

  it("answers token errors as the other protected paths do, checks the token first, and ignores any body", async () => {
    for (const path of ["logout/", "logout-all/", "logout", "logout-all"]) {
      for (const headers of [{}, { "x-otas-user-token": "" }]) {
        const res = await request(url(path), { headers, body: "{bad" });
        expect([path, res.status, res.json]).toEqual([path, 400, failure("missing_token")]);
      }
      const forged = await request(url(path), { headers: as("Bearer x"), body: "{bad" });
      expect([path, forged.status, forged.json]).toEqual([path, 401, failure("invalid_token")]);
    }
    for (const [path, expected] of [
      ["logout", LOGGED_OUT],
      ["logout-all", LOGGED_OUT_EVERYWHERE],
    ] as const) {
      for (const body of ["{bad", "[1,2]", "null", undefined]) {
        const { token } = await registerUser(server.url);
        const res = await request(url(path), {
          headers: { ...as(token), "content-type": "text/plain" },
          ...(body === undefined ? {} : { body }),
        });
        expect([path, body, res.status, res.json]).toEqual([path, body, 200, expected]);
      }
    }
  });

  it("answers 405 for another method, and CORS preflight with the token header", async () => {
    for (const path of ["logout/", "logout-all/"]) {
      const res = await request(url(path), { method: "GET" });
      expect([res.status, res.json, res.headers.get("allow")]).toEqual([
        405,
        failure("method_not_allowed"),
        "POST",
      ]);
      const preflight = await fetch(url(path), {
        method: "OPTIONS",
        headers: {
          origin: "https://app.otas.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "x-otas-user-token",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
        "x-otas-user-token",
      );
    }
  });

  it("a password update keeps its answer and the caller's session, and ends every other", async () => {
    const { user, token, email, password } = await registerUser(server.url);
    const other = await signIn(email, password);
    const fromOriginal = original(user);
    const res = await request(url("reset-password/update/"), {
      method: "PUT",
      body: { password: "changed-1" },
      headers: as(token),
    });
    expect([res.status, res.json]).toEqual([
      200,
      { status: 1, status_description: "password_updated", response_body: null },
    ]);
    expect(await status("authenticate/", token)).toBe(200);
    expect(await status("authenticate/", other)).toBe(401);
    expect(await status("authenticate/", fromOriginal)).toBe(401);
  });

  it("a password update from a token of the original keeps that token working", async () => {
    const { user, token } = await registerUser(server.url);
    const mine = original(user, 30);
    const another = original(user, 90);
    const res = await request(`${server.url}/v1/user/reset-password/update/`, {
      method: "PUT",
      body: { password: "changed-1" },
      headers: { USER_TOKEN: mine },
    });
    expect(res.status).toBe(200);
    expect(await status("authenticate/", mine)).toBe(200);
    expect(await status("authenticate/", another)).toBe(401);
    expect(await status("authenticate/", token)).toBe(401);
  });

  it("counts sign-outs and live sessions in /metrics", async () => {
    const read = async () => parsePrometheus(await metrics.registry.metrics());
    const before = await read();
    const { token, email, password } = await registerUser(server.url);
    await signIn(email, password);
    const middle = await read();
    expect(total(middle, "otas_sessions_live")).toBe(total(before, "otas_sessions_live") + 2);
    await request(url("logout/"), { headers: as(token) });
    await request(url("logout-all/"), { headers: as(await signIn(email, password)) });
    const after = await read();
    const signOuts = (samples: typeof after, kind: string) =>
      total(samples, "otas_sign_outs_total", { kind });
    expect(signOuts(after, "sign_out") - signOuts(before, "sign_out")).toBe(1);
    expect(signOuts(after, "sign_out_everywhere") - signOuts(before, "sign_out_everywhere")).toBe(
      1,
    );
    expect(total(after, "otas_sessions_live")).toBe(total(before, "otas_sessions_live"));
  });
});

describe("signing out, rate-limited like the other calls", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { env: { RATE_LIMIT_MAX: 2 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("counts logout/ and logout-all/ per address: 429 rate_limited past it, nothing ended", async () => {
    const tokens = [];
    // Sign-ups count in their own bucket (create), two of them within the limit.
    for (let i = 0; i < 2; i += 1) tokens.push((await registerUser(server.url)).token);
    const [first = "", second = ""] = tokens;
    const call = (path: string, token: string) =>
      request(`${server.url}/api/user/v1/${path}`, { headers: { "x-otas-user-token": token } });
    expect((await call("logout/", first)).status).toBe(200);
    expect((await call("logout-all/", second)).status).toBe(200);
    const token = await signedUpThroughCore(server);
    const refused = await call("logout/", token);
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("authenticate/", token)).status).toBe(200);
  });
});

/** A user signed up through core, so that no call of this address counted it. */
async function signedUpThroughCore(server: TestServer): Promise<string> {
  const body = {
    first_name: "A",
    last_name: "B",
    email: `limited.${Date.now()}@example.com`,
    password: "secret1",
  };
  return (await createUser(parseInput(createUserInput, body), server.deps)).jwt_token;
}
