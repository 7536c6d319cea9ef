import { createServer, type Server } from "node:http";

/** A running metrics listener. */
export interface MetricsServer {
  address: string;
  close(): Promise<void>;
}

/**
 * The Prometheus endpoint, `GET /metrics`, on a listener of its own (not the API's port, so a
 * proxy in front of the API never exposes it). A plain node:http server: a scrape every few
 * seconds needs nothing more, and the primary, which serves it for all workers, stays small.
 */
export async function startMetricsServer(options: {
  host: string;
  port: number;
  contentType: string;
  collect: () => Promise<string>;
  onError: (error: unknown) => void;
}): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    options.collect().then(
      (text) => response.writeHead(200, { "content-type": options.contentType }).end(text),
      (error: unknown) => {
        options.onError(error);
        response.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const bound = server.address();
  const port = typeof bound === "object" && bound !== null ? bound.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    address: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
