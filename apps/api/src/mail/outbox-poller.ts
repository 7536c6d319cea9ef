/** A loop that works through an outbox in the background until closed. */
export interface OutboxPoller {
  /**
   * Starts no more work and resolves once the step under way finished, or after `waitMs` at
   * most (what it was doing is then left to the outbox's claim to hand on).
   */
  close(waitMs: number): Promise<void>;
}

/** What the poller runs, how often, and whom it tells about failures. */
export interface OutboxPollerOptions {
  /** One unit of work; resolves false when there was nothing to do. */
  step: () => Promise<boolean>;
  /** The mean wait between polls; each wait is drawn between half and one and a half of it. */
  intervalMs: number;
  /** A step failed; `firstInARow` is false while the steps before it failed too. */
  onError: (error: unknown, firstInARow: boolean) => void;
  /** A step succeeded after failures. */
  onRecovered: () => void;
  random?: () => number;
}

/**
 * Steps one poll runs at most: with a retry delay of 0 and a mail server refusing everything, a
 * poll would otherwise never end.
 */
const MAX_STEPS_PER_POLL = 100;

/**
 * Polls on a timer of its own: each poll runs `step` until it has nothing left to do (or 100
 * times), then waits a random time around `intervalMs`. Nothing a request does starts a poll, and
 * the random waits keep the processes on one database out of step and no poll at a fixed delay
 * after a request.
 */
export function startOutboxPoller(options: OutboxPollerOptions): OutboxPoller {
  const { step, intervalMs, onError, onRecovered, random = Math.random } = options;
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const poll = async () => {
    try {
      for (let steps = 0; !stopped && steps < MAX_STEPS_PER_POLL && (await step()); steps += 1) {
        // Keep going while there is work.
      }
      if (failing) onRecovered();
      failing = false;
    } catch (error) {
      onError(error, !failing);
      failing = true;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = poll().finally(() => {
          running = undefined;
          schedule();
        });
      },
      intervalMs * (0.5 + random()),
    );
    // The server's sockets keep the process alive; a poll alone does not.
    timer.unref();
  };
  schedule();

  return {
    async close(waitMs) {
      stopped = true;
      clearTimeout(timer);
      if (running === undefined) return;
      let expire: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((resolve) => {
          expire = setTimeout(resolve, waitMs);
        }),
      ]);
      clearTimeout(expire);
    },
  };
}
