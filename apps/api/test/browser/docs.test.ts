import { mkdir } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { uniqueEmail } from "../support/users.js";

/** Where the screenshot goes (gitignored). */
const SCREENSHOT = new URL("../../artifacts/docs.png", import.meta.url);

const LEGACY_PATHS = [
  "/api/user/v1/create/",
  "/api/user/v1/login/",
  "/api/user/v1/authenticate/",
  "/api/user/v1/edit/",
  "/api/user/v1/reset-password/update/",
  "/api/user/v1/reset-password/init/",
  "/api/user/v1/reset-password/reset/",
  "/api/user/v1/logout/",
  "/api/user/v1/logout-all/",
];

describe("the docs page at /docs, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer("postgresql");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the nine operations and registers a user through “Try it out”", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const sentTo: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "POST") sentTo.push(sent.url());
    });
    // What the page's Content-Security-Policy refused, had it refused anything Swagger UI needs.
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    page.on("pageerror", (error) => refused.push(error.message));
    await page.goto(`${server.url}/docs`);

    const paths = page.locator(".opblock-summary-path");
    await expect.poll(() => paths.count()).toBe(LEGACY_PATHS.length);
    expect(
      await paths.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-path"))),
    ).toEqual(LEGACY_PATHS);

    const create = page.locator("#operations-user-user-create");
    await create.locator(".opblock-summary").click();
    const tryItOut = create.locator("button.try-out__btn");
    if ((await tryItOut.textContent())?.includes("Try it out")) await tryItOut.click();
    const email = uniqueEmail("docs");
    await create
      .locator("textarea.body-param__text")
      .fill(
        JSON.stringify({ first_name: "Ada", last_name: "Lovelace", email, password: "secret1" }),
      );
    await create.locator("button.execute").click();

    const live = create.locator(".live-responses-table .response");
    await expect.poll(() => live.locator(".response-col_status").first().textContent()).toBe("200");
    const body = await live.locator(".response-col_description pre").first().textContent();
    expect(JSON.parse(body ?? "{}")).toMatchObject({
      status: 1,
      status_description: "user_created",
      response_body: { user: { email } },
    });
    expect(sentTo).toEqual([`${server.url}/api/user/v1/create/`]);
    expect(await server.deps.users.findCredentialsByEmail(email)).toMatchObject({
      user: { email, firstName: "Ada" },
    });

    expect(refused).toEqual([]);

    await mkdir(new URL(".", SCREENSHOT), { recursive: true });
    await create.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.pathname, fullPage: true });
  });
});
