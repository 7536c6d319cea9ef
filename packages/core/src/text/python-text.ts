/**
 * The characters Python's `str.isspace()` accepts, which `str.strip()` removes. It differs from
 * JavaScript's `\s`: it includes U+001C–U+001F and U+0085, and excludes U+FEFF. Legacy clients
 * relied on Python's behaviour, so names and emails are trimmed with exactly this set.
 */
const PYTHON_WHITESPACE =
  "\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005" +
  "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

const leading = new RegExp(`^[${PYTHON_WHITESPACE}]+`, "u");
const trailing = new RegExp(`[${PYTHON_WHITESPACE}]+$`, "u");

/** Python's `str.strip()` with no argument. */
export function pythonStrip(value: string): string {
  return value.replace(leading, "").replace(trailing, "");
}

/** Length in Unicode code points, as Python's `len(str)` counts (an emoji is 1, not 2). */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length++;
  return length;
}
