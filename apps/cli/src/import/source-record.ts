/**
 * One record of an import file, before validation. `row` is where a person finds it: the line
 * of a JSON Lines file, or the row number a spreadsheet shows for a CSV (the header is row 1).
 * A record the file format itself makes unusable carries the `problem` instead of `fields`.
 */
export type SourceRecord =
  | { row: number; fields: unknown }
  | { row: number; problem: string; email: string };

/** Reads the records of one import file, lazily and in order. */
export type RecordSource = (path: string) => AsyncGenerator<SourceRecord>;
