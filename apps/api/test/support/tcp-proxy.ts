import { connect, createServer, type Socket } from "node:net";

/** A TCP relay to a real server, which a test can take down and bring back (network faults). */
export interface TcpProxy {
  port: number;
  /** Stops accepting (new connections are refused) and cuts every relayed connection. */
  stop(): Promise<void>;
  /** Accepts again, on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Relays loopback connections on a free port to `target` (`host:port`). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => {});
  };
  const server = createServer((client) => {
    const upstream = connect(target);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        port = typeof address === "object" && address ? address.port : 0;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of open) socket.destroy();
    });
  await listen();
  return { port, stop, start: listen, close: stop };
}
