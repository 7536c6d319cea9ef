/** Where the queue reports each mail's fate (the request's logger, so lines carry its id). */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** One unit of mail work; it runs again after a delay when it throws. */
export type MailTask = () => Promise<void>;

/** Work that runs after the answer, retried with backoff, and awaited on shutdown. */
export interface MailQueue {
  /** Runs `task` once the current answer has been written, retrying it when it fails. */
  push(task: MailTask, log: MailLog): void;
  /**
   * Takes no more work and resolves once every queued task has succeeded or given up; tasks
   * waiting for a retry try again at once instead of waiting out their delay.
   */
  close(): Promise<void>;
}

/** Waits between attempts: 5 attempts over about two and a half minutes. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 30_000, 120_000];

/** What is logged of a failure: never the message itself (it holds the reset link). */
function describeFailure(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    message: error.message.split("\n")[0],
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof responseCode === "number" ? { responseCode } : {}),
  };
}

/** An in-process {@link MailQueue}; `retryDelaysMs` sets the waits (and so the attempts). */
export function createMailQueue(options: { retryDelaysMs?: readonly number[] } = {}): MailQueue {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const running = new Set<Promise<void>>();
  const sleepers = new Set<() => void>();
  let closing = false;

  const wait = (milliseconds: number) =>
    new Promise<void>((resolve) => {
      if (closing) return resolve();
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      sleepers.add(wake);
    });

  const run = async (task: MailTask, log: MailLog) => {
    // setImmediate runs after the promise chain that writes the answer: the work never delays it.
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 1; ; attempt += 1) {
      try {
        await task();
        return;
      } catch (error) {
        const delay = delays[attempt - 1];
        if (delay === undefined) {
          log.error({ err: describeFailure(error), attempts: attempt }, "mail not sent: giving up");
          return;
        }
        log.warn(
          { err: describeFailure(error), attempt, retryInMs: delay },
          "mail not sent: will retry",
        );
        await wait(delay);
      }
    }
  };

  return {
    push(task, log) {
      const job: Promise<void> = run(task, log).finally(() => running.delete(job));
      running.add(job);
    },
    async close() {
      closing = true;
      for (const wake of sleepers) wake();
      while (running.size > 0) await Promise.all(running);
    },
  };
}
