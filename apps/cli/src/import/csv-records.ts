import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import { CsvError, type Info, parse } from "csv-parse";
import { BadFileError } from "../errors.js";
import { columnsFromHeader } from "./csv-header.js";
import type { SourceRecord } from "./source-record.js";

/**
 * The records of a CSV file with a header row (RFC 4180 quoting, optional BOM, blank lines
 * skipped), streamed. A record with another number of fields than the header is a
 * `wrong_column_count` record; an empty field counts as absent, so a blank password is reported
 * as `missing_fields: password`. Broken quoting makes the rest of the file ambiguous, so it is a
 * {@link BadFileError}, as is a missing or wrong header row.
 */
export async function* csvRecords(path: string): AsyncGenerator<SourceRecord> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  // pipeline (unlike pipe) hands a read error on to the parser, which ends the iteration.
  pipeline(createReadStream(path), parser, () => {});
  let columns: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: Info;
    }>) {
      if (columns === undefined) {
        columns = columnsFromHeader(record, path);
        continue;
      }
      yield toSourceRecord(record, info.records, columns);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new BadFileError(path, `is not valid CSV: ${describe(error)}`);
    }
    throw error;
  }
  if (columns === undefined) {
    throw new BadFileError(
      path,
      "is empty: a CSV import starts with a header row naming its columns",
    );
  }
}

/** What went wrong where, in words that never quote the data (csv-parse's messages may). */
const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE: "a closing quote is followed by other characters",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "a closing quote is followed by other characters",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  INVALID_OPENING_QUOTE: "a quote appears inside an unquoted field",
};

function describe(error: CsvError): string {
  const line = typeof error.lines === "number" ? `line ${error.lines}: ` : "";
  return `${line}${CSV_PROBLEMS[error.code] ?? "it cannot be parsed"} (${error.code})`;
}

function toSourceRecord(
  record: readonly string[],
  row: number,
  columns: readonly string[],
): SourceRecord {
  if (record.length !== columns.length) {
    const problem = `wrong_column_count: expected ${columns.length}, got ${record.length}`;
    return { row, problem, email: "" };
  }
  const fields: Record<string, string> = {};
  columns.forEach((column, index) => {
    const value = record[index];
    if (value !== undefined && value !== "") fields[column] = value;
  });
  return { row, fields };
}
