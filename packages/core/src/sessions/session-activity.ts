import { describeError, type OperatorLog } from "../logging/operator-log.js";
import type { CallerSession } from "./caller-session.js";
import { SESSION_USE_INTERVAL_MS } from "./session.js";
import type { SessionRepository } from "./session-repository.js";

/** Records when sessions were last used, off the requests' path. */
export interface SessionActivity {
  /**
   * A request was just answered for `session`'s token. When the session's `lastUsedAt` is older
   * than {@link SESSION_USE_INTERVAL_MS}, it is marked used by the next write (within
   * `writeDelayMs`, for every session due then, in one statement); otherwise nothing happens.
   */
  seen(session: CallerSession): void;
  /** Writes what is due now (at shutdown, before the database closes). */
  flush(): Promise<void>;
}

/** The most session ids one statement marks. */
const MARKS_PER_STATEMENT = 500;

/**
 * The {@link SessionActivity} of one process. A session's mark is written at most once per
 * {@link SESSION_USE_INTERVAL_MS} however many requests use it (the statement skips rows another
 * process marked meanwhile), never by the request itself: due sessions wait here, at most
 * `writeDelayMs` (default 1 s), and are written together by a timer. Only those marks live in the
 * process: a crash loses at most a second of "last used" times, never a session or a sign-out.
 */
export function createSessionActivity({
  sessions,
  now,
  log,
  writeDelayMs = 1000,
}: {
  sessions: Pick<SessionRepository, "markUsed">;
  now: () => Date;
  log: OperatorLog;
  writeDelayMs?: number;
}): SessionActivity {
  let due = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    const ids = [...due];
    due = new Set();
    const at = now();
    const staleBefore = new Date(at.getTime() - SESSION_USE_INTERVAL_MS);
    for (let start = 0; start < ids.length; start += MARKS_PER_STATEMENT) {
      try {
        await sessions.markUsed(ids.slice(start, start + MARKS_PER_STATEMENT), at, staleBefore);
      } catch (error) {
        log.error({ error: describeError(error) }, "marking sessions used failed");
      }
    }
  };
  const writeAfter = (previous: Promise<void>) => previous.then(write);

  return {
    seen({ id, lastUsedAt }) {
      if (lastUsedAt === null) return;
      if (now().getTime() - lastUsedAt.getTime() < SESSION_USE_INTERVAL_MS) return;
      due.add(id);
      timer ??= setTimeout(() => {
        timer = undefined;
        writing = writeAfter(writing);
      }, writeDelayMs).unref();
    },
    async flush() {
      clearTimeout(timer);
      timer = undefined;
      writing = writeAfter(writing);
      await writing;
    },
  };
}
