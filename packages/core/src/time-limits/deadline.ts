import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A wait reached its time limit: the caller's deadline passed before the work could start, or
 * Redis did not answer within its command timeout. Nothing the refused work would have written
 * was written.
 */
export class TimeLimitError extends Error {
  override readonly name = "TimeLimitError";
}

/**
 * The moment the work of one call (a request) must be over by. The database clients read the
 * deadline the work runs under (see {@link runWithDeadline}): they refuse to start a statement
 * once it has passed, and bound every wait of a statement (a pool slot, a lock, the statement
 * itself, SQLite's wait for the write lock) by the time left, so no write of the call can still commit after
 * its caller was told it failed.
 */
export class Deadline {
  readonly #at: number;
  #expired = false;
  #inFlight = 0;
  #idle: Array<() => void> = [];

  constructor(timeLimitMs: number) {
    this.#at = performance.now() + timeLimitMs;
  }

  /** Milliseconds left (0 once passed or expired). */
  remainingMs(): number {
    return this.#expired ? 0 : Math.max(0, Math.ceil(this.#at - performance.now()));
  }

  /** Ends the deadline now: no further work may start under it. */
  expire(): void {
    this.#expired = true;
  }

  /** Throws a {@link TimeLimitError} when no time is left. */
  throwIfPassed(): void {
    if (this.remainingMs() === 0) throw new TimeLimitError("the deadline passed");
  }

  /** Runs `work`, counted as in flight until it settles (see {@link settled}). */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  /** Resolves once no work started under this deadline is in flight. */
  settled(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}

const current = new AsyncLocalStorage<Deadline>();

/** Runs `work` (and everything it starts) under `deadline`. */
export function runWithDeadline<T>(deadline: Deadline, work: () => T): T {
  return current.run(deadline, work);
}

/**
 * Runs `work` under no deadline: for work a request only starts on behalf of others, e.g. a timer
 * that writes later or a load shared by the requests of one turn, which must not inherit (and
 * fail at) the deadline of whichever request happened to start it.
 */
export function outsideDeadline<T>(work: () => T): T {
  return current.exit(work);
}

/** The deadline the calling code runs under, if any. */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/**
 * How long a database wait may last: `limitMs` (a setting), cut to the current deadline's time
 * left. Throws a {@link TimeLimitError} when the deadline has passed.
 */
export function boundedWaitMs(limitMs: number): number {
  const deadline = currentDeadline();
  if (deadline === undefined) return limitMs;
  deadline.throwIfPassed();
  return Math.min(limitMs, deadline.remainingMs());
}
