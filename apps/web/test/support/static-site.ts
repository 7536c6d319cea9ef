import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/** The built app served as a static host would: files, and index.html for every other path. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dist` on a loopback port, with index.html's `otas-api-url` set to `apiUrl` (as a
 * deployment sets it). The API is on another origin, so every call goes through CORS.
 */
export async function serveBuiltApp(dist: string, apiUrl: () => string): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
      const file = path.join(dist, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
      const asset = path.extname(file) !== "" ? await readFile(file).catch(() => null) : null;
      if (asset !== null) {
        response.setHeader("content-type", TYPES[path.extname(file)] ?? "application/octet-stream");
        response.end(asset);
        return;
      }
      const html = await readFile(path.join(dist, "index.html"), "utf8");
      response.setHeader("content-type", "text/html");
      response.end(
        html.replace('name="otas-api-url" content=""', `name="otas-api-url" content="${apiUrl()}"`),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
