import { describe, expect, it } from "vitest";
import { singleMailbox } from "./single-mailbox.js";

describe("singleMailbox", () => {
  it("passes one plainly written address, with one spelling per mailbox", () => {
    expect(singleMailbox("ada@example.com")).toBe("ada@example.com");
    expect(singleMailbox("ada.king+otas@mail.example.co.uk")).toBe(
      "ada.king+otas@mail.example.co.uk",
    );
    expect(singleMailbox("o'brien_{x}@example.com")).toBe("o'brien_{x}@example.com");
    expect(singleMailbox("ada@localhost")).toBe("ada@localhost");
    // Unicode and punycode spellings of a domain are one mailbox (and one hourly count).
    expect(singleMailbox("ada@bücher.example")).toBe("ada@xn--bcher-kva.example");
    expect(singleMailbox("ada@xn--bcher-kva.example")).toBe("ada@xn--bcher-kva.example");
    expect(singleMailbox("jos\u0065\u0301@example.com")).toBe("jos\u00e9@example.com");
  });

  it.each([
    ["a recipient list", "victim1@ex.io,victim2@ex.io"],
    ["a list with a semicolon", "victim1@ex.io;victim2@ex.io"],
    ["a display name around another address", "n1 <victim@example.com>"],
    ["an angle-bracketed address", "<victim@example.com>"],
    ["a group", "list: victim@example.com;"],
    ["a quoted local part", '"victim"@example.com'],
    ["a comment", "victim(n1)@example.com"],
    ["an address literal", "victim@[192.0.2.1]"],
    ["a bare IPv4 domain", "victim@192.0.2.1"],
    ["a trailing dot", "victim@example.com."],
    ["two @", "victim@example.com@ex.io"],
    ["no local part", "@example.com"],
    ["no domain", "victim@"],
    ["a space", "vic tim@example.com"],
    ["a line break", "victim@example.com\r\nBcc: other@ex.io"],
    ["a NUL", "victim\u0000@example.com"],
    ["an empty atom", "vic..tim@example.com"],
    ["a leading dot", ".victim@example.com"],
    ["an underscore in the domain", "victim@ex_ample.com"],
    ["a hyphen at a label's edge", "victim@-example.com"],
    ["an over-long local part", `${"a".repeat(65)}@example.com`],
    [
      "an over-long address",
      `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}.io`,
    ],
  ])("refuses %s", (_, email) => {
    expect(singleMailbox(email)).toBeNull();
  });
});
