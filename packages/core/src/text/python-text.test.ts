import { describe, expect, it } from "vitest";
import { codePointLength, pythonStrip } from "./python-text.js";

describe("pythonStrip", () => {
  it.each([
    ["\u0085name\u0085", "name"],
    ["\u001fname\u001c", "name"],
    ["\u00a0\u3000name\u2009", "name"],
    [" \t\r\n name \v\f", "name"],
    ["\u2028\u2029\u202f\u205f\u1680x", "x"],
  ])("strips Python whitespace around %j", (input, expected) => {
    expect(pythonStrip(input)).toBe(expected);
  });

  it("keeps U+FEFF and U+200B, which Python does not count as whitespace", () => {
    expect(pythonStrip("\ufeffname\ufeff")).toBe("\ufeffname\ufeff");
    expect(pythonStrip("\u200bname")).toBe("\u200bname");
  });

  it("keeps inner whitespace and strips a string of only whitespace to empty", () => {
    expect(pythonStrip("  a  b  ")).toBe("a  b");
    expect(pythonStrip(" \u3000 ")).toBe("");
  });
});

describe("codePointLength", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("😀😀😀😀😀")).toBe(5);
    expect(codePointLength("abc")).toBe(3);
    expect(codePointLength("")).toBe(0);
  });
});
