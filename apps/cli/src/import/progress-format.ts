import type { Tally } from "./tally.js";

/** A snapshot of an import's progress. */
export interface ProgressState {
  tally: Tally;
  /** Rows in the file, when a first pass could count them. */
  total: number | undefined;
  elapsedSeconds: number;
}

/** `4s`, `2m05s`, `1h02m`: short enough for a progress line. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")}m`;
}

/** Rows per second so far (0 before any time has passed). */
export function rowsPerSecond({ tally, elapsedSeconds }: ProgressState): number {
  return elapsedSeconds > 0 ? tally.done / elapsedSeconds : 0;
}

/** `812 rows/s, ETA 2m05s` (no ETA without a total or a rate yet). */
function rateAndEta(state: ProgressState): string {
  const rate = rowsPerSecond(state);
  const rateText = `${Math.round(rate)} rows/s`;
  if (state.total === undefined || rate === 0) return rateText;
  return `${rateText}, ETA ${formatDuration(Math.max(0, state.total - state.tally.done) / rate)}`;
}

function outcomes({ tally }: ProgressState): string {
  const { created, exists, invalid, failed } = tally.counts;
  return `${created} created, ${exists} exists, ${invalid} invalid${failed > 0 ? `, ${failed} failed` : ""}`;
}

/** One plain line for logs: `1234/3000 rows (41%), 812 rows/s, ETA 2s; 1200 created, …`. */
export function progressLine(state: ProgressState): string {
  const { done } = state.tally;
  const count =
    state.total === undefined ? `${done} rows` : `${done}/${state.total} rows (${percent(state)}%)`;
  return `${count}, ${rateAndEta(state)}; ${outcomes(state)}`;
}

/** The terminal bar, fitted to `columns`: `[████░░░░] 41% 1234/3000 · 812 rows/s, ETA 2s · …`. */
export function progressBar(state: ProgressState, columns: number): string {
  const { done } = state.tally;
  const counts =
    state.total === undefined ? `${done}` : `${percent(state)}% ${done}/${state.total}`;
  const text = ` ${counts} · ${rateAndEta(state)} · ${outcomes(state)}`;
  const barWidth = Math.min(30, columns - text.length - 3);
  if (state.total === undefined || barWidth < 10) return text.trimStart().slice(0, columns - 1);
  const filled = Math.round((barWidth * Math.min(done, state.total)) / Math.max(state.total, 1));
  return `[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}]${text}`.slice(0, columns - 1);
}

function percent({ tally, total }: ProgressState): number {
  return total === undefined || total === 0
    ? 100
    : Math.floor((100 * Math.min(tally.done, total)) / total);
}
