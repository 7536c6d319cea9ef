import { mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../api/test/support/chromium.js";
import {
  resetLinkIn,
  startSmtpServer,
  type TestSmtpServer,
} from "../../api/test/support/smtp-server.js";
import { type ApiServer, JWT_SECRET, startApiServer } from "./support/api-server.js";
import { type StaticSite, serveBuiltApp } from "./support/static-site.js";
import { expiredToken } from "./support/tokens.js";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
/** Screenshots of every step (gitignored), kept as the run's artefacts. */
const ARTIFACTS = new URL("../artifacts/", import.meta.url);

/** The field a label names, and the error the page ties to it (aria-describedby). */
async function fieldError(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  if ((await input.getAttribute("aria-invalid")) !== "true") return null;
  const ids = (await input.getAttribute("aria-describedby"))?.split(" ") ?? [];
  const errorId = ids.find((id) => id.endsWith("-error"));
  return errorId === undefined ? null : page.locator(`[id="${errorId}"]`).textContent();
}

/** The id of the element that has the keyboard focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

describe("apps/web in Chromium, against the built API on SQLite with a real SMTP server", () => {
  let smtp: TestSmtpServer;
  let site: StaticSite;
  let api: ApiServer;
  let browser: Browser;
  let step = 0;
  const shot = async (page: Page, name: string) => {
    step += 1;
    const file = new URL(`${String(step).padStart(2, "0")}-${name}.png`, ARTIFACTS);
    await page.screenshot({ path: fileURLToPath(file), fullPage: true });
  };
  beforeAll(async () => {
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
    smtp = await startSmtpServer();
    site = await serveBuiltApp(DIST, () => api.url);
    api = await startApiServer(smtp.url, site.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await site?.close();
    await smtp?.close();
  });

  it("signs up, edits the profile, changes the password, signs out and in, recovers the password", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const email = `web.${process.pid}.${Date.now()}@example.com`;
    const heading = page.getByRole("heading", { level: 1 });
    try {
      await allFlows(page, email, heading);
    } catch (error) {
      await shot(page, "failed-here");
      throw error;
    }
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("lists where the account is signed in, signs the others out, and signs out for real", async () => {
    const email = `sessions.${process.pid}.${Date.now()}@example.com`;
    const call = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${api.url}/api/user/v1/${path}`, {
        method: "POST",
        headers: token === undefined ? {} : { "x-otas-user-token": token },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: res.status,
        json: (await res.json()) as Record<string, { jwt_token: string } | undefined>,
      };
    };
    const works = async (token: string) => (await call("authenticate/", undefined, token)).status;
    const created = await call("create/", {
      first_name: "Grace",
      last_name: "Hopper",
      email,
      password: "secret1",
    });
    const laptop = created.json.response_body?.jwt_token ?? "";
    const login = async () =>
      (await call("login/", { email, password: "secret1" })).json.response?.jwt_token ?? "";
    const [phone, tablet] = [await login(), await login()];
    const browse = async (token: string) => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${site.url}/sign-in`);
      await page.evaluate((value) => localStorage.setItem("otas.token", value), token);
      await page.goto(`${site.url}/account`);
      return page;
    };

    const page = await browse(laptop);
    const list = page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");
    await expect.poll(() => list.count()).toBe(3);
    expect(await list.first().textContent()).toMatch(/\(this browser\)$/);
    expect(await list.nth(1).textContent()).toContain("on network 127.0.0.0/24");
    await shot(page, "sessions");

    // One of the others, then all of them.
    await list
      .nth(1)
      .getByRole("button", { name: /^Sign out / })
      .click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("That session is signed out.");
    await expect.poll(() => list.count()).toBe(2);
    expect((await Promise.all([works(phone), works(tablet)])).sort()).toEqual([200, 401]);
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("Signed out everywhere else (1 session).");
    await expect.poll(() => list.count()).toBe(1);
    expect([await works(phone), await works(tablet), await works(laptop)]).toEqual([401, 401, 200]);
    await shot(page, "sessions-ended");

    // Signing out ends the session itself: a copy of the token elsewhere stops working too.
    const copy = await browse(laptop);
    await expect.poll(() => copy.getByText(email).count()).toBe(1);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    expect(await works(laptop)).toBe(401);
    await copy.reload();
    await expect
      .poll(() => copy.getByRole("status").textContent())
      .toBe("Your session has ended. Please sign in again.");
  });

  async function allFlows(page: Page, email: string, heading: Locator) {
    // The start page sends a visitor to sign in; from there, to sign up.
    await page.goto(`${site.url}/`);
    await expect.poll(() => heading.textContent()).toBe("Sign in");
    await page.getByRole("main").getByRole("link", { name: "Sign up" }).click();
    await expect.poll(() => heading.textContent()).toBe("Create your account");

    // A refused sign-up: the message sits at the field the API named, which takes the focus.
    await page.getByLabel("First name", { exact: true }).fill("Ada");
    await page.getByLabel("Last name", { exact: true }).fill("Lovelace");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("abc");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => fieldError(page, "Password")).toBe("Use at least 6 characters.");
    expect(await focused(page)).toBe("field-password");
    await shot(page, "sign-up-refused");

    await page.getByLabel("Password", { exact: true }).fill("secret1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => heading.textContent()).toBe("Your account");
    await expect.poll(() => page.getByText(email).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem("otas.token"))).toMatch(/^ey/);
    await shot(page, "account");

    // Profile: a required name left empty, then saved.
    const profile = page.getByRole("form", { name: "Edit your profile" });
    await profile.getByLabel("First name").fill("  ");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect.poll(() => fieldError(page, "First name")).toBe("This field is required.");
    await profile.getByLabel("First name").fill("Augusta Ada");
    await profile.getByLabel("Middle name").fill("King");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Your profile is saved.");
    await page.reload();
    await expect.poll(() => profile.getByLabel("Middle name").inputValue()).toBe("King");
    await shot(page, "profile-saved");

    // Password: typed differently twice, then changed.
    const password = page.getByRole("form", { name: "Change your password" });
    await password.getByLabel("New password", { exact: true }).fill("secret2");
    await password.getByLabel("New password, again").fill("secret3");
    await password.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => fieldError(page, "New password, again"))
      .toBe("The two passwords are not the same.");
    await password.getByLabel("New password, again").fill("secret2");
    await password.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByText("Your password is changed.").count()).toBe(1);
    await shot(page, "password-changed");

    // Sign out forgets the token.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => heading.textContent()).toBe("Sign in");
    expect(await page.evaluate(() => localStorage.getItem("otas.token"))).toBeNull();

    // Sign in by keyboard alone: the page's heading has the focus, Tab reaches each field.
    await heading.focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("field-email");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type("wrong-password");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toBe("The email or password is incorrect.");
    expect(await alert.evaluate((element) => element === document.activeElement)).toBe(true);
    await shot(page, "sign-in-refused");
    // The focus is on the message: Tab leads back to the fields.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("field-password");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("secret2");
    // While the answer is on its way, the button says so and cannot be pressed again.
    await page.route("**/trpc/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await page.keyboard.press("Enter");
    const pending = page.getByRole("button", { name: "Signing in…" });
    await expect.poll(() => pending.isDisabled()).toBe(true);
    await expect.poll(() => page.getByText("Loading your account…").count()).toBe(1);
    await page.unrouteAll({ behavior: "wait" });
    await expect.poll(() => heading.textContent()).toBe("Your account");

    // A second browser signed in with a session the reset will end.
    const other = await (await browser.newContext()).newPage();
    const token = await page.evaluate(() => localStorage.getItem("otas.token"));
    await other.goto(`${site.url}/sign-in`);
    await other.evaluate((value) => localStorage.setItem("otas.token", value ?? ""), token);
    await other.goto(`${site.url}/account`);
    await expect.poll(() => other.getByText(email).count()).toBe(1);

    // Forgot password: the mail's link opens the reset page.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("a link is on its way");
    await shot(page, "reset-link-sent");
    const { link } = resetLinkIn(await smtp.nextMailTo(email));
    expect(link.startsWith(`${site.url}/reset-password?token=`)).toBe(true);
    await page.goto(link);
    await expect.poll(() => heading.textContent()).toBe("Choose a new password");
    await page.getByLabel("New password", { exact: true }).fill("recovered1");
    await page.getByLabel("New password, again").fill("recovered1");
    await page.getByRole("button", { name: "Set my new password" }).click();
    await expect.poll(() => heading.textContent()).toBe("Your password is reset");
    await shot(page, "password-reset");

    // The other browser's session ended with the reset: it is sent to sign in.
    await other.reload();
    await expect.poll(() => other.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await expect
      .poll(() => other.getByRole("status").textContent())
      .toBe("Your session has ended. Please sign in again.");
    await shot(other, "other-session-ended");

    // The link works once.
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("recovered2");
    await page.getByLabel("New password, again").fill("recovered2");
    await page.getByRole("button", { name: "Set my new password" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("This link is invalid or has expired. Ask for a new one.");
    await shot(page, "reset-link-used");

    // Signing in with the new password; then an expired token sends the user to sign in.
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("recovered1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => heading.textContent()).toBe("Your account");
    const claims = await page.evaluate(() =>
      JSON.parse(atob((localStorage.getItem("otas.token") ?? "").split(".")[1] ?? "")),
    );
    const expired = expiredToken(claims.user_id, claims.email, JWT_SECRET);
    await page.evaluate((value) => localStorage.setItem("otas.token", value), expired);
    await page.reload();
    await expect.poll(() => heading.textContent()).toBe("Sign in");
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("Your session expired. Please sign in again.");
    await shot(page, "session-expired");
  }
});
