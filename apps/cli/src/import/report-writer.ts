import { once } from "node:events";
import { open } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { BadFileError } from "../errors.js";
import type { FileFormat } from "./file-format.js";
import type { RowResult } from "./row-result.js";

const REPORT_COLUMNS = ["row", "email", "outcome", "reason", "user_id"] as const;

/** Writes the per-row report to a file as rows finish. */
export interface ReportWriter {
  write(result: RowResult): Promise<void>;
  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void>;
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One report line in `format`, newline included. */
export function reportLine(result: RowResult, format: FileFormat): string {
  if (format === "jsonl") return `${JSON.stringify(result)}\n`;
  return `${REPORT_COLUMNS.map((column) => csvField(result[column])).join(",")}\n`;
}

/**
 * Creates (or truncates) the report file up front, so an unwritable path stops the import
 * before any user is created, and returns a writer that waits whenever the disk falls behind.
 */
export async function openReportWriter(path: string, format: FileFormat): Promise<ReportWriter> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "w");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new BadFileError(path, `cannot be written as the report (${code})`);
  }
  const stream = handle.createWriteStream({ encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure ??= error;
  });
  if (format === "csv") stream.write(`${REPORT_COLUMNS.join(",")}\n`);
  return {
    async write(result) {
      if (failure !== undefined) throw failure;
      if (!stream.write(reportLine(result, format))) await once(stream, "drain");
    },
    async close() {
      stream.end();
      await finished(stream).catch((error: Error) => {
        failure ??= error;
      });
      if (failure !== undefined) throw failure;
    },
  };
}
