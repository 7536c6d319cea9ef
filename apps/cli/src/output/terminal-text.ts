/**
 * What a terminal acts on instead of showing: control characters (Unicode category Cc — C0, DEL
 * and C1; ESC and CSI start the escape sequences that recolour, move the cursor, retitle the
 * window or rewrite what was printed), unpaired surrogates, the line and paragraph separators,
 * and the bidirectional controls that reorder the text after them ("Trojan Source").
 */
const UNSHOWABLE = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** What `JSON.stringify` leaves raw of {@link UNSHOWABLE} (it escapes C0 and lone surrogates). */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Partial<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, "0");
}

/**
 * `text` (a name, an email, a reason: anything from an import file, the database or a token) as
 * it may be printed for a person: each character of {@link UNSHOWABLE} written as a visible
 * escape (`\x1b`, `\t`, `\u202e`), the rest as is. `--json` output keeps the exact values.
 */
export function visible(text: string): string {
  return text.replace(UNSHOWABLE, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

/**
 * `value` as one line of JSON (newline included) that is safe on a terminal too: the characters
 * JSON.stringify writes raw among {@link UNSHOWABLE} are `\u` escapes, which every JSON reader
 * turns back into the same string.
 */
export function jsonLine(value: unknown): string {
  const json = JSON.stringify(value).replace(RAW_IN_JSON, (char) => {
    return `\\u${hex(char.charCodeAt(0), 4)}`;
  });
  return `${json}\n`;
}
