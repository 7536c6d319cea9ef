import { createReadStream } from "node:fs";

/**
 * The lines of a UTF-8 text file, streamed (only one chunk and one partial line are held at a
 * time), without their `\n` / `\r\n` endings and without a leading byte-order mark.
 */
export async function* textLines(path: string): AsyncGenerator<string> {
  let pending = "";
  let first = true;
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    const text = pending + (first ? String(chunk).replace(/^\ufeff/, "") : String(chunk));
    first = false;
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      yield withoutCarriageReturn(text.slice(start, newline));
      start = newline + 1;
    }
    pending = text.slice(start);
  }
  if (pending !== "") yield withoutCarriageReturn(pending);
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
