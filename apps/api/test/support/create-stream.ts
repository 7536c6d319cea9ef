import { Agent, request as httpRequest } from "node:http";
import { openDatabase } from "@otas/core";
import { request } from "./http.js";
import { uniqueEmail } from "./users.js";

/** One create sent by {@link startCreateStream}, and how it ended. */
export interface SentCreate {
  email: string;
  password: string;
  sentAt: number;
  /** The HTTP status, or undefined when no answer came (connection refused or reset). */
  status?: number;
  userId?: string;
  error?: string;
}

/** A steady stream of sign-ups from `workers` concurrent clients. */
export interface CreateStream {
  sent: SentCreate[];
  /** Resolves once `count` creates were answered 200. */
  succeeded(count: number): Promise<void>;
  /** Stops sending new requests and waits for those in flight. */
  stop(): Promise<void>;
}

/** How a stream sends its creates. */
export interface CreateStreamOptions {
  /** Concurrent clients (default 8). */
  workers?: number;
  /**
   * Close a keep-alive connection after it sat idle this long (as a proxy configured below the
   * service's SHUTDOWN_DRAIN_MS does). Unset: fetch's own pool, which keeps idle connections
   * as long as the server's Keep-Alive header allows.
   */
  idleTimeoutMs?: number;
}

/** A POST of `body` as JSON over node:http through `agent`: its status and parsed answer. */
function postWith(agent: Agent, url: string, body: unknown) {
  const text = JSON.stringify(body);
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const sent = httpRequest(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (response) => {
        let answer = "";
        response.setEncoding("utf8").on("data", (chunk: string) => {
          answer += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(answer) }),
        );
        response.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.end(text);
  });
}

/** Sends creates with unique emails to `url` in a loop until stopped. */
export function startCreateStream(url: string, options: CreateStreamOptions = {}): CreateStream {
  const { workers = 8, idleTimeoutMs } = options;
  const agent =
    idleTimeoutMs === undefined
      ? undefined
      : new Agent({ keepAlive: true, timeout: idleTimeoutMs });
  const post = (body: unknown) =>
    agent === undefined
      ? request(`${url}/api/user/v1/create/`, { body })
      : postWith(agent, `${url}/api/user/v1/create/`, body);
  const sent: SentCreate[] = [];
  let stopped = false;
  let successes = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const worker = async () => {
    while (!stopped) {
      const item: SentCreate = {
        email: uniqueEmail("stream"),
        password: `pw-${Math.random().toString(36).slice(2)}`,
        sentAt: Date.now(),
      };
      sent.push(item);
      try {
        const res = await post({
          first_name: "S",
          last_name: "T",
          email: item.email,
          password: item.password,
        });
        item.status = res.status;
        if (res.status === 200) {
          successes += 1;
          item.userId = (
            res.json as { response_body: { user: { id: string } } }
          ).response_body.user.id;
          for (const waiter of waiters.filter((w) => successes >= w.count)) waiter.resolve();
        }
      } catch (error) {
        item.error = String((error as Error).cause ?? error);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    sent,
    succeeded: (count) =>
      new Promise((resolve) => {
        if (successes >= count) resolve();
        else waiters.push({ count, resolve });
      }),
    async stop() {
      stopped = true;
      await running;
      agent?.destroy();
    },
  };
}

/** The users stored in the database at `databaseUrl`: email → id. */
export async function storedUsers(databaseUrl: string): Promise<Map<string, string>> {
  const db = await openDatabase(databaseUrl);
  try {
    const rows = await (await db.prisma()).user.findMany({ select: { id: true, email: true } });
    return new Map(rows.map((row) => [row.email, row.id]));
  } finally {
    await db.close();
  }
}
