import { type SweepLimits, sweepExpiredSessions, type UserDeps } from "@otas/core";
import type { FastifyBaseLogger } from "fastify";

/** Each sweep deletes at most 20 batches of 1000 rows per table; what is left waits for the next. */
const LIMITS: SweepLimits = { batchSize: 1000, batches: 20 };

/** A running sweeper; `stop` waits for a sweep in progress. */
export interface SessionSweeper {
  stop(): Promise<void>;
}

/**
 * Deletes expired sessions and sign-out records on a schedule, in this process, so no cron is
 * needed: every `intervalMs` on average, at a random point between half and one and a half of
 * it, so the processes of a cluster or of several machines spread their sweeps. Any number may
 * sweep at once (see `sweepExpiredSessions`); a failed sweep is logged and the next one tries
 * again.
 */
export function startSessionSweeper({
  deps,
  intervalMs,
  log,
}: {
  deps: Pick<UserDeps, "sessions" | "now">;
  intervalMs: number;
  log: FastifyBaseLogger;
}): SessionSweeper {
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();
  let stopped = false;

  const sweep = async () => {
    try {
      const swept = await sweepExpiredSessions(LIMITS, deps);
      if (swept.sessions > 0 || swept.revocations > 0) {
        log.info({ swept }, "deleted expired sessions and sign-out records");
      }
    } catch (error) {
      log.error({ err: error }, "deleting expired sessions failed; trying again at the next sweep");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        sweeping = sweep().then(schedule);
      },
      intervalMs * (0.5 + Math.random()),
    ).unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
    },
  };
}
