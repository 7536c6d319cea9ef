import { request as httpRequest } from "node:http";
import type { JsonResponse } from "./http.js";

/**
 * Sends one request exactly as written, with node:http: a method fetch refuses (TRACE), a path
 * fetch would normalise, headers fetch forbids (Expect). The answer is read like `request`'s.
 */
export function rawRequest(
  baseUrl: string,
  init: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<JsonResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, path: init.path, method: init.method, headers: init.headers ?? {} },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of Array.isArray(value) ? value : [value ?? ""]) {
              headers.append(name, one);
            }
          }
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
