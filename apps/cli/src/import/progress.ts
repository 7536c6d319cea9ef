import { performance } from "node:perf_hooks";
import { type ProgressState, progressBar, progressLine } from "./progress-format.js";
import type { Tally } from "./tally.js";

/** How progress is shown: a redrawn bar on a terminal, periodic lines elsewhere, or nothing. */
export type ProgressMode = "bar" | "lines" | "off";

const BAR_INTERVAL_MS = 100;
const LINE_INTERVAL_MS = 1000;

/** A running progress display; `stop` draws the final state and releases the line. */
export interface Progress {
  elapsedSeconds(): number;
  stop(): void;
}

/**
 * Shows the import's progress on stderr, sampling `tally` on a timer rather than on every row,
 * so a fast import is not slowed down by drawing. The timer is unref'd: it never keeps the
 * process alive.
 */
export function startProgress(options: {
  mode: ProgressMode;
  tally: Tally;
  total: number | undefined;
}): Progress {
  const { mode, tally, total } = options;
  const started = performance.now();
  const elapsedSeconds = () => (performance.now() - started) / 1000;
  const state = (): ProgressState => ({ tally, total, elapsedSeconds: elapsedSeconds() });
  const draw = () => {
    if (mode === "bar") {
      process.stderr.write(`\r${progressBar(state(), process.stderr.columns ?? 80)}\u001b[K`);
    } else if (mode === "lines") {
      process.stderr.write(`import: ${progressLine(state())}\n`);
    }
  };
  const timer =
    mode === "off"
      ? undefined
      : setInterval(draw, mode === "bar" ? BAR_INTERVAL_MS : LINE_INTERVAL_MS);
  timer?.unref();
  return {
    elapsedSeconds,
    stop() {
      if (timer === undefined) return;
      clearInterval(timer);
      if (mode === "bar") {
        draw();
        process.stderr.write("\n");
      }
    },
  };
}
