/** Settings of {@link restartBackoff}. */
export interface BackoffSettings {
  /** Delay before replacing the first crashed worker of a quiet period. */
  firstDelayMs: number;
  /** The delay doubles with each crash in `windowMs`, up to this. */
  maxDelayMs: number;
  /** Crashes longer ago than this no longer count. */
  windowMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  firstDelayMs: 100,
  maxDelayMs: 30_000,
  windowMs: 60_000,
};

/**
 * How long to wait before replacing a crashed worker: quick after a lone crash, doubling while
 * crashes keep coming (a worker that dies at start, e.g. its database gone, is not respawned in a
 * tight loop), back to quick once the window has passed without one.
 */
export function restartBackoff(settings: BackoffSettings = DEFAULT_BACKOFF) {
  let crashes: number[] = [];
  return {
    /** Records a crash at `now` and answers the delay before its replacement starts. */
    next(now: number): number {
      crashes = crashes.filter((at) => now - at < settings.windowMs);
      crashes.push(now);
      const delay = settings.firstDelayMs * 2 ** (crashes.length - 1);
      return Math.min(settings.maxDelayMs, delay);
    },
  };
}

/** The situation of a worker that died, as {@link workerRestartPolicy} weighs it. */
export interface WorkerDeath {
  /** Which of the WEB_CONCURRENCY places it held (a replacement takes the same one). */
  slot: number;
  now: number;
  /** It had started serving: it died of a kill or a crash, not while starting. */
  wasServing: boolean;
  /** Workers still serving besides it. */
  othersServing: number;
}

/**
 * When to replace a dead worker. Each place has its own {@link restartBackoff}, so crashes of one
 * worker never delay the replacement of another; and when the dead worker had been serving and
 * none is serving any more, its replacement starts after the first delay whatever its backoff
 * says, so kills of the workers one after another never leave a stretch with none at all. A
 * worker that dies before it serves (its database gone, a broken build) waits out its backoff:
 * no place is ever respawned in a tight loop.
 */
export function workerRestartPolicy(settings: BackoffSettings = DEFAULT_BACKOFF) {
  const backoffs = new Map<number, ReturnType<typeof restartBackoff>>();
  return {
    /** Records the death and answers the delay before its replacement starts. */
    delayMs(death: WorkerDeath): number {
      let backoff = backoffs.get(death.slot);
      if (backoff === undefined) {
        backoff = restartBackoff(settings);
        backoffs.set(death.slot, backoff);
      }
      const delay = backoff.next(death.now);
      return death.wasServing && death.othersServing === 0 ? settings.firstDelayMs : delay;
    },
  };
}
