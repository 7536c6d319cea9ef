import type { SourceRecord } from "./source-record.js";
import { textLines } from "./text-lines.js";

/**
 * The records of a JSON Lines file: one JSON object per line, blank lines skipped. A line
 * that is not JSON is an `invalid_json` record (the REST API's code for an unparsable body);
 * any other JSON value is left to core, which calls it `invalid_body`.
 */
export async function* jsonlRecords(path: string): AsyncGenerator<SourceRecord> {
  let row = 0;
  for await (const line of textLines(path)) {
    row += 1;
    if (line.trim() === "") continue;
    let fields: unknown;
    try {
      fields = JSON.parse(line);
    } catch {
      yield { row, problem: "invalid_json", email: "" };
      continue;
    }
    yield { row, fields };
  }
}
