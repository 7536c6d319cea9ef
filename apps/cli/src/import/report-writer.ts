import { once } from "node:events";
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { BadFileError, UsageError } from "../errors.js";
import { jsonLine } from "../output/terminal-text.js";
import type { FileFormat } from "./file-format.js";
import type { FileIdentity } from "./import-file.js";
import type { RowResult } from "./row-result.js";

const REPORT_COLUMNS = ["row", "email", "outcome", "reason", "user_id"] as const;

/**
 * First characters that make a spreadsheet read a cell as a formula (or, tab and carriage
 * return, shift it into one): `=cmd|' /C calc'!A0`, `@sum(…)`, `+1+1`, `-2+3`.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Writes the per-row report to a file as rows finish. */
export interface ReportWriter {
  write(result: RowResult): Promise<void>;
  /** Flushes and closes the file; rejects if any write failed. */
  close(): Promise<void>;
}

/**
 * A CSV field, quoted when it must be (RFC 4180). A field a spreadsheet would take for a formula
 * is neutralised as OWASP advises: a single quote before it, and the whole field quoted, so a
 * spreadsheet shows the text (an email from an import file is anyone's text) and runs nothing.
 */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) return quote(`'${text}`);
  return /[",\r\n]/.test(text) ? quote(text) : text;
}

/** One report line in `format`, newline included. */
export function reportLine(result: RowResult, format: FileFormat): string {
  if (format === "jsonl") return jsonLine(result);
  return `${REPORT_COLUMNS.map((column) => csvField(result[column])).join(",")}\n`;
}

/**
 * Opens the report file, created owner-only (0600: it holds emails and user ids; an existing
 * file keeps its mode), refusing the file being imported — by any name, a link to it included
 * — before a byte of it is lost; only then is an existing regular file emptied. An unwritable
 * path stops the import before any user is created.
 */
async function openReportFile(path: string, imported: FileIdentity): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new BadFileError(path, `cannot be written as the report (${code})`);
  }
  try {
    const stats = await handle.stat();
    if (stats.dev === imported.dev && stats.ino === imported.ino) {
      throw new UsageError("--report would overwrite the file being imported");
    }
    if (stats.isFile()) await handle.truncate(0);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Opens the report (see {@link openReportFile}) and returns a writer that waits whenever the
 * disk falls behind.
 */
export async function openReportWriter(
  path: string,
  format: FileFormat,
  imported: FileIdentity,
): Promise<ReportWriter> {
  const handle = await openReportFile(path, imported);
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
