import type { RowOutcome, RowResult } from "./row-result.js";

/** How many problem rows are kept to show at the end; the report file has all of them. */
const SAMPLE_LIMIT = 20;

/** Running counts of an import, read by the progress display and the summary. */
export interface Tally {
  readonly counts: Readonly<Record<RowOutcome, number>>;
  /** Rows handled so far, whatever their outcome. */
  readonly done: number;
  /** The first invalid or failed rows, in the order they finished. */
  readonly problems: readonly RowResult[];
  add(result: RowResult): void;
}

/** An empty {@link Tally}. */
export function createTally(): Tally {
  const counts: Record<RowOutcome, number> = { created: 0, exists: 0, invalid: 0, failed: 0 };
  const problems: RowResult[] = [];
  let done = 0;
  return {
    counts,
    get done() {
      return done;
    },
    problems,
    add(result) {
      counts[result.outcome] += 1;
      done += 1;
      const problem = result.outcome === "invalid" || result.outcome === "failed";
      if (problem && problems.length < SAMPLE_LIMIT) problems.push(result);
    },
  };
}
