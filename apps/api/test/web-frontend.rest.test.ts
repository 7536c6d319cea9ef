import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import { startTestServer, TEST_APP_URL, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

const ORIGIN = "http://localhost:5173";
const UPDATED = { status: 1, status_description: "password_updated", response_body: null };

/** Waits for the first `.eml` file in `dir`. */
async function firstOutboxFile(dir: string): Promise<string> {
  for (let tries = 0; tries < 100; tries += 1) {
    const files = await readdir(dir).catch(() => [] as string[]);
    const eml = files.find((file) => file.endsWith(".eml"));
    if (eml !== undefined) return path.join(dir, eml);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no .eml file in ${dir}`);
}

// The calls the OTAS web frontend makes, as it makes them (docs/legacy-rest-contract.md,
// "What the OTAS web frontend calls"). No SMTP_URL here: development writes mail to the outbox.
describe("the OTAS web frontend's password calls, and the development outbox", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.close();
  });

  const update = (path: string, headers: Record<string, string>, password = "changed-1") =>
    request(`${server.url}${path}`, { method: "PUT", body: { password }, headers });

  it("changes the password on the account page's path with the token in USER_TOKEN", async () => {
    const { token, email } = await registerUser(server.url);
    const res = await update("/v1/user/reset-password/update/", {
      USER_TOKEN: token,
      origin: ORIGIN,
    });
    expect([res.status, res.json]).toEqual([200, UPDATED]);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const login = await request(`${server.url}/api/user/v1/login/`, {
      body: { email, password: "changed-1" },
    });
    expect(login.status).toBe(200);
    // X-OTAS-USER-TOKEN works there too, and without the trailing slash.
    const other = await update("/v1/user/reset-password/update", { "x-otas-user-token": token });
    expect(other.status).toBe(200);
    // The token is still checked first, and the account's earlier tokens stay valid.
    const missing = await update("/v1/user/reset-password/update/", { USER_TOKEN: "" });
    expect([missing.status, missing.json]).toEqual([400, failure("missing_token")]);
    const forged = await update("/v1/user/reset-password/update/", { USER_TOKEN: "nope" });
    expect([forged.status, forged.json]).toEqual([401, failure("invalid_token")]);
  });

  it("reads USER_TOKEN on the web frontend's path only", async () => {
    const { token } = await registerUser(server.url);
    const documented = await update("/api/user/v1/reset-password/update/", { USER_TOKEN: token });
    expect([documented.status, documented.json]).toEqual([400, failure("missing_token")]);
    const authenticate = await request(`${server.url}/api/user/v1/authenticate/`, {
      headers: { USER_TOKEN: token },
    });
    expect(authenticate.status).toBe(400);
    const trpc = await request(`${server.url}/trpc/user.me`, {
      method: "GET",
      headers: { USER_TOKEN: token },
    });
    expect(trpc.status).toBe(401);
  });

  it("lets a browser send USER_TOKEN: the preflight allows it", async () => {
    const res = await request(`${server.url}/v1/user/reset-password/update/`, {
      method: "OPTIONS",
      headers: {
        origin: ORIGIN,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type,user_token",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")?.split(/, */)).toContain("PUT");
    const allowed = res.headers.get("access-control-allow-headers")?.toLowerCase().split(/, */);
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "user_token"]));
  });

  it("answers the frontend's paths only with their methods", async () => {
    for (const [path, method] of [
      ["/v1/user/reset-password/init/", "GET"],
      ["/v1/user/reset-password/reset", "PUT"],
      ["/v1/user/reset-password/update/", "POST"],
    ] as const) {
      const res = await request(`${server.url}${path}`, { method });
      expect([path, res.status, res.json]).toEqual([path, 405, failure("method_not_allowed")]);
    }
  });

  it("writes the mail as an .eml file to DATA_DIR/outbox and logs where, not the link", async () => {
    const { email } = await registerUser(server.url);
    const res = await request(`${server.url}/v1/user/reset-password/init/`, {
      body: { emailId: email },
      headers: { origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    const file = await firstOutboxFile(path.join(server.dataDir, "outbox"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const mail = await simpleParser(await readFile(file));
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(email);
    const link = mail.text?.match(/\S+\/reset-password\?\S+/)?.[0] ?? "";
    expect(link.startsWith(`${TEST_APP_URL}/reset-password?token=`)).toBe(true);
    const token = new URL(link).searchParams.get("token") ?? "";

    const logged = server.logs.find((line) => line.includes("written to the outbox"));
    expect(JSON.parse(logged ?? "{}")).toMatchObject({
      file,
      reqId: res.headers.get("x-request-id"),
    });
    expect(server.logs.join("\n")).not.toContain(token);
    expect(server.logs.some((line) => line.includes("SMTP_URL is not set"))).toBe(true);

    const reset = await request(`${server.url}/v1/user/reset-password/reset/`, {
      body: { emailId: email, token, password: "from-the-outbox" },
    });
    expect(reset.status).toBe(200);
  });
});

describe("password recovery in production without SMTP_URL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { env: { NODE_ENV: "production" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is off: both endpoints answer 404 not_found, and start-up said so", async () => {
    for (const path of ["/api/user/v1/reset-password/init/", "/v1/user/reset-password/reset/"]) {
      const res = await request(`${server.url}${path}`, {
        body: { emailId: "a@b.c", token: "t", password: "secret1" },
      });
      expect([path, res.status, res.json]).toEqual([path, 404, failure("not_found")]);
    }
    const warning = server.logs.find((line) => line.includes("password recovery by email is off"));
    expect(JSON.parse(warning ?? "{}")).toMatchObject({ level: 40 });
    const { token } = await registerUser(server.url);
    const update = await request(`${server.url}/v1/user/reset-password/update/`, {
      method: "PUT",
      body: { password: "changed-1" },
      headers: { USER_TOKEN: token },
    });
    expect(update.status).toBe(200);
  });
});
