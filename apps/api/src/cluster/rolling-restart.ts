import { cleanEnd, type WorkerEnd } from "./worker-pool.js";

/** A worker as a rolling restart sees it. */
export interface ReplaceableWorker {
  id: number;
  slot: number;
}

/** The part of the worker pool a rolling restart uses (the real pool, or a fake in unit tests). */
export interface ReplaceablePool<W extends ReplaceableWorker> {
  serving(): W[];
  alive(): W[];
  start(slot: number, onTrial: true): W;
  untilServing(worker: W, timeoutMs: number): Promise<boolean>;
  retire(worker: W, timeoutMs: number): Promise<WorkerEnd>;
  abandon(worker: W): void;
}

/** Bounds and outlets of {@link replaceOneByOne}. */
export interface RollingRestartSettings {
  /** A new worker not serving by then is given up, and the restart with it. */
  startTimeoutMs: number;
  /** An old worker still running this long after it was asked to drain is killed. */
  stopTimeoutMs: number;
  /** True once the primary is shutting down: the restart stops where it is. */
  stopping: () => boolean;
  log: {
    info(details: object, message: string): void;
    error(details: object, message: string): void;
  };
}

/** How a rolling restart ended, and how many workers it replaced. */
export interface RollingRestartResult {
  outcome: "complete" | "stopped" | "failed";
  replaced: number;
}

/**
 * Replaces the serving workers one at a time: a new worker (which loads the code now on disk) is
 * started in the old one's place, and only once it serves is the old one drained (it answers
 * what it has, with `Connection: close`, then stops accepting and exits), so the port is never
 * served by fewer workers than before. When a new worker dies or does not serve in time, the
 * restart stops there and the workers not yet replaced keep serving.
 */
export async function replaceOneByOne<W extends ReplaceableWorker>(
  pool: ReplaceablePool<W>,
  settings: RollingRestartSettings,
): Promise<RollingRestartResult> {
  const { log } = settings;
  let replaced = 0;
  for (const previous of pool.serving()) {
    if (settings.stopping()) return { outcome: "stopped", replaced };
    // One that died meanwhile was replaced by a worker started from the code on disk already.
    if (!pool.alive().includes(previous)) continue;
    const next = pool.start(previous.slot, true);
    if (!(await pool.untilServing(next, settings.startTimeoutMs))) {
      if (settings.stopping()) return { outcome: "stopped", replaced };
      pool.abandon(next);
      log.error(
        { worker: next.id, replaced, keptWorker: previous.id },
        "reload stopped: a new worker did not start serving; the workers not replaced keep serving",
      );
      return { outcome: "failed", replaced };
    }
    log.info(
      { worker: next.id, replacing: previous.id },
      `reload: worker ${next.id} serves; draining worker ${previous.id}`,
    );
    const end = await pool.retire(previous, settings.stopTimeoutMs);
    if (!cleanEnd(end)) {
      log.error({ worker: previous.id, ...end }, "reload: a replaced worker did not exit cleanly");
    }
    replaced += 1;
  }
  return { outcome: settings.stopping() ? "stopped" : "complete", replaced };
}

/**
 * Runs `reload` on request, one at a time: a request while one runs makes another run after it
 * (the code on disk may have changed again), however many requests came meanwhile.
 */
export function serializedReloads(reload: () => Promise<void>, stopping: () => boolean) {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    try {
      do {
        again = false;
        await reload();
      } while (again && !stopping());
    } finally {
      running = false;
    }
  };
  return {
    /** Asks for a reload; answers whether it starts now (false: one runs, another follows). */
    request(): boolean {
      if (stopping()) return false;
      if (running) {
        again = true;
        return false;
      }
      void run();
      return true;
    },
  };
}
