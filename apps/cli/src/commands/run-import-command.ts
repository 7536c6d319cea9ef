import { availableParallelism } from "node:os";
import { loadCliEnv } from "../env.js";
import { BadFileError, UsageError } from "../errors.js";
import { type FileFormat, formatFromExtension } from "../import/file-format.js";
import type { ProgressMode } from "../import/progress.js";
import { type ImportPlan, runImport } from "../import/run-import.js";
import {
  DEFAULT_THREAD_POOL_SIZE,
  rerunWithThreadPool,
  wantedThreadPoolSize,
} from "../thread-pool.js";

/** The options of `import`, as commander hands them over. */
export interface ImportFlags {
  format?: FileFormat;
  concurrency?: number;
  report?: string;
  json?: true;
  progress: boolean;
}

/**
 * Turns the command line into an {@link ImportPlan} and runs it, resolving with the exit status.
 * First makes sure libuv's thread pool can hash on every core (see `rerunWithThreadPool`).
 */
export async function importFromCommandLine(file: string, options: ImportFlags): Promise<number> {
  const env = loadCliEnv();
  const cores = availableParallelism();
  // Twice the cores: while one row of a pair hashes, the other can wait on the database.
  const concurrency = options.concurrency ?? 2 * cores;
  const threads = wantedThreadPoolSize(concurrency, cores);
  if (env.UV_THREADPOOL_SIZE === undefined && threads > DEFAULT_THREAD_POOL_SIZE) {
    return rerunWithThreadPool(threads);
  }
  const plan: ImportPlan = {
    file,
    format: options.format ?? formatOf(file),
    concurrency,
    threadPoolSize: env.UV_THREADPOOL_SIZE ?? DEFAULT_THREAD_POOL_SIZE,
    report: options.report === undefined ? undefined : reportTarget(options.report),
    json: options.json === true,
    progress: progressMode(options.progress, options.json === true),
  };
  return runImport(plan);
}

function formatOf(file: string): FileFormat {
  const format = formatFromExtension(file);
  if (format === undefined) {
    throw new BadFileError(
      file,
      "unknown format: name it .csv, .jsonl or .ndjson, or pass --format csv|jsonl",
    );
  }
  return format;
}

function reportTarget(path: string): { path: string; format: FileFormat } {
  const format = formatFromExtension(path);
  if (format === undefined) {
    throw new UsageError(`--report ${path}: name the report .csv or .jsonl`);
  }
  // That the report is not the imported file (by any name) is checked when it is opened.
  return { path, format };
}

/** A bar only where a person watches stderr and it would not tangle with JSON on the same terminal. */
function progressMode(enabled: boolean, json: boolean): ProgressMode {
  if (!enabled) return "off";
  return process.stderr.isTTY === true && !(json && process.stdout.isTTY === true)
    ? "bar"
    : "lines";
}
