import type { Stats } from "node:fs";
import { open } from "node:fs/promises";
import { BadFileError } from "../errors.js";
import { csvRecords } from "./csv-records.js";
import type { FileFormat } from "./file-format.js";
import { jsonlRecords } from "./jsonl-records.js";
import type { RecordSource } from "./source-record.js";

/** The reader of each import format. */
export const recordSources: Record<FileFormat, RecordSource> = {
  csv: csvRecords,
  jsonl: jsonlRecords,
};

const OPEN_PROBLEMS: Partial<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied: it cannot be read",
  EPERM: "permission denied: it cannot be read",
};

/** A file whatever path or link names it: its device and inode. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * Checks that the import file can be read, before anything else happens. Resolves with whether
 * it is a regular file (which can be read twice: once to count and check it, once to import)
 * and with its identity (no report may be written over it, by any name).
 */
export async function checkImportFile(
  path: string,
): Promise<{ regular: boolean; identity: FileIdentity }> {
  let stats: Stats;
  try {
    const handle = await open(path, "r");
    try {
      stats = await handle.stat();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new BadFileError(path, OPEN_PROBLEMS[code] ?? `cannot be read (${code})`);
  }
  if (stats.isDirectory()) throw new BadFileError(path, "is a directory, not a file");
  return { regular: stats.isFile(), identity: { dev: stats.dev, ino: stats.ino } };
}

/**
 * Counts the records of a regular file in a quick first pass (no hashing, no database), which
 * gives the progress display its total and finds a bad header or broken CSV quoting before any
 * user is created.
 */
export async function countRecords(path: string, source: RecordSource): Promise<number> {
  let count = 0;
  for await (const _record of source(path)) count += 1;
  return count;
}
