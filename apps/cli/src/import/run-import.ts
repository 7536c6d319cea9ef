import type { UserDeps } from "@otas/core";
import { describeUnexpected } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { stdoutFailed, writeOut } from "../output/standard-streams.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";
import { forEachConcurrently } from "./concurrently.js";
import type { FileFormat } from "./file-format.js";
import { checkImportFile, countRecords, recordSources } from "./import-file.js";
import { importRecord } from "./import-record.js";
import { type ProgressMode, startProgress } from "./progress.js";
import { openReportWriter } from "./report-writer.js";
import type { RowResult } from "./row-result.js";
import type { SourceRecord } from "./source-record.js";
import { formatSummary, summarize } from "./summary.js";
import { createTally, type Tally } from "./tally.js";

/** Everything `import` was asked to do, checked. */
export interface ImportPlan {
  file: string;
  format: FileFormat;
  concurrency: number;
  threadPoolSize: number;
  report: { path: string; format: FileFormat } | undefined;
  json: boolean;
  progress: ProgressMode;
}

/**
 * Imports the file: checks and counts it, opens the report and the database, then creates the
 * users with bounded concurrency, streaming rows from the file and results to the outputs.
 * The summary is printed even when the file turns out to be broken half-way; the error is
 * rethrown after it (exit 2).
 */
export async function runImport(plan: ImportPlan): Promise<ExitCode> {
  const source = recordSources[plan.format];
  const { regular, identity } = await checkImportFile(plan.file);
  const total = regular ? await countRecords(plan.file, source) : undefined;
  const report =
    plan.report && (await openReportWriter(plan.report.path, plan.report.format, identity));
  const tally = createTally();
  const onResult = async (result: RowResult) => {
    tally.add(result);
    // The report first: a stdout whose reader went away stops the import, and the report still
    // holds every row that was handled.
    await report?.write(result);
    if (plan.json) writeOut(jsonLine(result));
  };
  let run: ImportRun;
  try {
    run = await withUserService(({ deps }) =>
      importAll(source(plan.file), { deps, tally, total, plan, onResult }),
    );
  } finally {
    await report?.close();
  }
  const summary = summarize(tally, { ...plan, seconds: run.seconds });
  if (stdoutFailed() === undefined) {
    process.stdout.write(plan.json ? jsonLine({ summary }) : formatSummary(summary, tally));
  }
  if (run.stoppedBy !== undefined) throw run.stoppedBy.error;
  return tally.counts.invalid + tally.counts.failed === 0 ? ExitCode.ok : ExitCode.rejected;
}

interface ImportRun {
  seconds: number;
  /** Set when the file broke off (or an output failed) before every row was handled. */
  stoppedBy?: { error: unknown };
}

/** The timed part: every record through core, with the progress display running. */
async function importAll(
  records: AsyncIterable<SourceRecord>,
  context: {
    deps: UserDeps;
    tally: Tally;
    total: number | undefined;
    plan: ImportPlan;
    onResult: (result: RowResult) => Promise<void>;
  },
): Promise<ImportRun> {
  const { deps, tally, total, plan, onResult } = context;
  const progress = startProgress({ mode: plan.progress, tally, total });
  let unexpectedShown = false;
  const onUnexpected = (error: unknown, row: number) => {
    // The first one says what is wrong (usually the database); the rest would only repeat it.
    if (unexpectedShown) return;
    unexpectedShown = true;
    process.stderr.write(`error: row ${row} failed: ${visible(describeUnexpected(error))}\n`);
  };
  try {
    await forEachConcurrently(records, plan.concurrency, async (record) => {
      await onResult(await importRecord(record, deps, onUnexpected));
    });
    return { seconds: progress.elapsedSeconds() };
  } catch (error) {
    return { seconds: progress.elapsedSeconds(), stoppedBy: { error } };
  } finally {
    progress.stop();
  }
}
