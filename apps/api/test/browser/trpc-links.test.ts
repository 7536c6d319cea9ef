import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { build, type Rolldown } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { registerUser } from "../support/users.js";

const PAGE_SCRIPT = fileURLToPath(new URL("./support/trpc-links-page.ts", import.meta.url));
const LINKS = ["httpLink", "httpBatchLink", "httpBatchStreamLink"] as const;

/** support/trpc-links-page.ts and @trpc/client, bundled for the browser. */
async function bundlePage(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: "silent",
    build: { write: false, minify: false, lib: { entry: PAGE_SCRIPT, formats: ["es"] } },
  })) as Rolldown.RolldownOutput[];
  const chunk = output[0]?.output.find((file) => file.type === "chunk");
  if (chunk === undefined) throw new Error("the page bundle is empty");
  return chunk.code;
}

describe("tRPC's three HTTP links, in Chromium, from another origin", () => {
  let server: TestServer;
  let page: Server;
  let pageUrl: string;
  let browser: Browser;
  beforeAll(async () => {
    const script = await bundlePage();
    page = createServer((request, response) => {
      const isScript = request.url === "/links.js";
      response.setHeader("content-type", isScript ? "text/javascript" : "text/html");
      response.end(
        isScript ? script : '<!doctype html><script type="module" src="/links.js"></script>',
      );
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    server = await startTestServer("sqlite");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => page?.close(resolve));
  });

  it.each(LINKS)("%s: a query, a mutation without input and one with it", async (link) => {
    const { email, token } = await registerUser(server.url);
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on("pageerror", (error) => problems.push(error.message));
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    const sent: Record<string, string>[] = [];
    tab.on("request", (request) => {
      if (request.url().includes("/trpc/")) sent.push(request.headers());
    });
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => "callThrough" in globalThis);
    const answers = await tab.evaluate(
      ([api, name, bearer]) =>
        (
          globalThis as unknown as {
            callThrough(api: string, link: string, token: string): Promise<string[]>;
          }
        ).callThrough(api, name, bearer),
      [server.url, link, token] as const,
    );
    expect(answers).toEqual([email, email, link]);
    expect(problems).toEqual([]);
    // The streaming link asks for a streamed answer with a header CORS must allow.
    const streamed = sent.some((headers) => headers["trpc-accept"] === "application/jsonl");
    expect(streamed).toBe(link === "httpBatchStreamLink");
    expect(sent.length).toBe(link === "httpLink" ? 3 : 2);
    await tab.close();
  });
});
