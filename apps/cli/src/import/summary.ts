import { visible } from "../output/terminal-text.js";
import type { Tally } from "./tally.js";

/** The closing line of `import --json`, and the numbers the text summary shows. */
export interface ImportSummary {
  file: string;
  created: number;
  exists: number;
  invalid: number;
  failed: number;
  total: number;
  seconds: number;
  rows_per_second: number;
  concurrency: number;
  thread_pool_size: number;
}

/** The summary of a finished (or stopped) import. */
export function summarize(
  tally: Tally,
  run: { file: string; seconds: number; concurrency: number; threadPoolSize: number },
): ImportSummary {
  const seconds = Math.round(run.seconds * 1000) / 1000;
  return {
    file: run.file,
    ...tally.counts,
    total: tally.done,
    seconds,
    rows_per_second: seconds > 0 ? Math.round((10 * tally.done) / seconds) / 10 : 0,
    concurrency: run.concurrency,
    thread_pool_size: run.threadPoolSize,
  };
}

/**
 * The summary for a person, followed by the first problem rows when there are any; what came
 * from the file (its name, emails, reasons) is {@link visible}.
 */
export function formatSummary(summary: ImportSummary, tally: Tally): string {
  const { file, created, exists, invalid, failed, total, seconds, rows_per_second } = summary;
  const lines = [
    `${visible(file)}: ${created} created, ${exists} exists, ${invalid} invalid, ${failed} failed` +
      ` (${total} rows in ${seconds.toFixed(1)} s, ${Math.round(rows_per_second)} rows/s)`,
  ];
  if (tally.problems.length > 0) {
    const shown =
      tally.problems.length < invalid + failed ? ` (first ${tally.problems.length})` : "";
    lines.push(`Rows not imported${shown}:`);
    for (const { row, email, outcome, reason } of tally.problems) {
      const address = email === "" ? "" : ` <${visible(email)}>`;
      lines.push(`  row ${row}: ${outcome} ${visible(reason ?? "")}${address}`);
    }
    if (shown !== "") lines.push("Write every row's outcome with --report FILE.");
  }
  return `${lines.join("\n")}\n`;
}
