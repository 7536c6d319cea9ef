import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { resetLinkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { uniqueEmail } from "../support/users.js";

/**
 * A stand-in for the OTAS web frontend, served from an origin of its own: every page makes the
 * calls the real one makes, exactly as the contract's "What the OTAS web frontend calls"
 * lists them (paths, methods, headers, bodies), so Chromium applies CORS as it would to it.
 */
function frontendPage(api: string): string {
  return `<!doctype html><html><body><script>
const API = ${JSON.stringify(api)};
const json = { "Content-Type": "application/json" };
const answer = async (res) => ({ ok: res.ok, status: res.status, body: await res.json() });
window.frontend = {
  async signUp(user) {
    const res = await fetch(API + "/api/user/v1/create/", { method: "POST", headers: json, body: JSON.stringify(user) });
    const result = await answer(res);
    localStorage.setItem("otasAccessToken", result.body.response_body.jwt_token);
    return result;
  },
  async signIn(email, password) {
    const res = await fetch(API + "/api/user/v1/login/", { method: "POST", headers: json, body: JSON.stringify({ email, password }) });
    const result = await answer(res);
    if (res.ok) localStorage.setItem("otasAccessToken", result.body.response.jwt_token);
    return result;
  },
  async sessionCheck(token) {
    const res = await fetch(API + "/api/user/v1/authenticate/", { method: "POST", headers: { "X-OTAS-USER-TOKEN": token } });
    return answer(res);
  },
  async forgotPassword(emailId) {
    const res = await fetch(API + "/v1/user/reset-password/init/", { method: "POST", headers: json, body: JSON.stringify({ emailId }) });
    return answer(res);
  },
  async resetPassword(password) {
    const query = new URLSearchParams(location.search);
    const body = { emailId: query.get("emailId"), token: query.get("token"), password };
    const res = await fetch(API + "/v1/user/reset-password/reset/", { method: "POST", headers: json, body: JSON.stringify(body) });
    return answer(res);
  },
  async changePassword(password) {
    const headers = { ...json, USER_TOKEN: localStorage.getItem("otasAccessToken") };
    const res = await fetch(API + "/v1/user/reset-password/update/", { method: "PUT", headers, body: JSON.stringify({ password }) });
    return answer(res);
  },
};
</script></body></html>`;
}

/** What the page's localStorage offers (the test compiles without the DOM library). */
interface Storage {
  getItem(key: string): string | null;
}

type Frontend = Record<string, (...args: unknown[]) => Promise<{ ok: boolean; body: unknown }>>;

/** Calls the stand-in frontend's `action` in the page, as a click would. */
function run(page: Page, action: string, ...args: unknown[]) {
  return page.evaluate(
    ([name, params]) =>
      (globalThis as unknown as { frontend: Frontend }).frontend[name as string]?.(
        ...(params as unknown[]),
      ),
    [action, args] as const,
  );
}

describe("the OTAS web frontend's password flows, in Chromium, from another origin", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let frontend: Server;
  let frontendUrl: string;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    frontend = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(frontendPage(server.url));
    });
    await new Promise<void>((resolve) => frontend.listen(0, "127.0.0.1", resolve));
    frontendUrl = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}`;
    // The mailed links point at the stand-in frontend, as APP_URL points at the real one.
    server = await startTestServer("postgresql", {
      env: { SMTP_URL: smtp.url, MAIL_FROM: "OTAS <no-reply@otas.example>" },
      appUrl: frontendUrl,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => frontend?.close(resolve));
    await smtp?.close();
  });

  it("recovers a forgotten password by email, and changes it on the account page", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // A CORS refusal shows as a console error; Chromium also logs every non-2xx answer there,
    // which this flow expects once (the old session's 401).
    page.on("console", (message) => {
      const text = message.text();
      if (message.type() === "error" && !text.startsWith("Failed to load resource")) {
        errors.push(text);
      }
    });
    await page.goto(`${frontendUrl}/`);
    const email = uniqueEmail("browser");
    const user = { first_name: "Ada", last_name: "Lovelace", email, password: "secret1" };
    expect(await run(page, "signUp", user)).toMatchObject({ ok: true });
    const oldSession = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.getItem("otasAccessToken"),
    );

    // "Forgot password?"
    expect(await run(page, "forgotPassword", email)).toEqual({
      ok: true,
      status: 200,
      body: { status: 1, status_description: "reset_link_sent", response_body: null },
    });
    const { link } = resetLinkIn(await smtp.nextMailTo(email));
    expect(link.startsWith(`${frontendUrl}/reset-password?token=`)).toBe(true);

    // The reset page, opened from the mail.
    await page.goto(link);
    expect(await run(page, "resetPassword", "recovered-in-chromium")).toMatchObject({
      ok: true,
      body: { status_description: "password_reset" },
    });
    expect(await run(page, "sessionCheck", oldSession)).toMatchObject({ ok: false, status: 401 });
    expect(await run(page, "signIn", email, "recovered-in-chromium")).toMatchObject({ ok: true });

    // The account page's "change password", with the token in USER_TOKEN (a CORS preflight).
    expect(await run(page, "changePassword", "changed-on-account-page")).toEqual({
      ok: true,
      status: 200,
      body: { status: 1, status_description: "password_updated", response_body: null },
    });
    expect(await run(page, "signIn", email, "changed-on-account-page")).toMatchObject({ ok: true });
    const preflight = server.logs.some(
      (line) =>
        line.includes('"method":"OPTIONS"') && line.includes("/v1/user/reset-password/update/"),
    );
    expect(preflight).toBe(true);
    expect(errors).toEqual([]);
  });
});
