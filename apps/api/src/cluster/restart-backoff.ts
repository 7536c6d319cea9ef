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
