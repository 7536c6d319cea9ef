/**
 * A wait reached its time limit: the caller's deadline passed before the work could start, or
 * Redis did not answer within its command timeout. Nothing the refused work would have written
 * was written.
 */
export class TimeLimitError extends Error {
  override readonly name = "TimeLimitError";
}

/**
 * The moment the work of one call (a request) must be over by. It is handed over explicitly: a
 * database client bound to it (`SqlClient.under`, and the dependencies built on one, see
 * `createUserDeps`) refuses to start a statement once it has passed, and bounds every wait of a
 * statement (a pool slot, a lock, the statement itself, SQLite's wait for the write lock) by the
 * time left, so no write of the call can still commit after its caller was told it failed.
 *
 * (Not an AsyncLocalStorage: on Node 20 one in use makes every promise of the process pay for
 * the propagation, a fifth of a token check's CPU. See bench/README.md.)
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

/**
 * How long a database wait may last: `limitMs` (a setting), cut to `deadline`'s time left when
 * there is one. Throws a {@link TimeLimitError} when the deadline has passed.
 */
export function boundedWaitMs(limitMs: number, deadline: Deadline | undefined): number {
  if (deadline === undefined) return limitMs;
  deadline.throwIfPassed();
  return Math.min(limitMs, deadline.remainingMs());
}
