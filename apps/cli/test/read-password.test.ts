import { describe, expect, it } from "vitest";
import { applyKeystrokes, type Typing } from "../src/read-password.js";

const start: Typing = { value: "", done: false, cancelled: false };

describe("applyKeystrokes (the hidden password prompt)", () => {
  it("collects characters until Enter, across chunks", () => {
    const typed = applyKeystrokes(applyKeystrokes(start, "pässw"), "örd😀\r");
    expect(typed).toEqual({ value: "pässwörd😀", done: true, cancelled: false });
  });

  it("removes the last character on backspace, a whole emoji included", () => {
    expect(applyKeystrokes(start, "ab😀\u007f\u007fc\n")).toEqual({
      value: "ac",
      done: true,
      cancelled: false,
    });
  });

  it("cancels on Ctrl-C, and on Ctrl-D at an empty prompt", () => {
    expect(applyKeystrokes(start, "abc\u0003")).toEqual({ value: "", done: true, cancelled: true });
    expect(applyKeystrokes(start, "\u0004").cancelled).toBe(true);
    expect(applyKeystrokes(start, "a\u0004")).toEqual({
      value: "a",
      done: false,
      cancelled: false,
    });
  });
});
