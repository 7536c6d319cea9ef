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

/** Sends creates with unique emails to `url` in a loop until stopped. */
export function startCreateStream(url: string, workers = 8): CreateStream {
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
        const res = await request(`${url}/api/user/v1/create/`, {
          body: { first_name: "S", last_name: "T", email: item.email, password: item.password },
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
    },
  };
}
