import { describe, expect, it } from "vitest";
import { createMailSealer } from "./mail-sealer.js";

const SECRET = "a-jwt-secret-of-at-least-32-bytes-long";
const content = {
  mailbox: "ada@example.com",
  firstName: "Ada",
  link: "https://app.example/reset-password?token=TOKEN_abcdefghijklmnopqrstuvwxyz0123456789&emailId=ada%40example.com",
};

describe("createMailSealer", () => {
  it("opens what it sealed, and the sealed text shows nothing of the content", () => {
    const sealer = createMailSealer(SECRET);
    const sealed = sealer.seal(content, "entry-1/digest");
    expect(sealer.open(sealed, "entry-1/digest")).toEqual(content);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    for (const part of ["TOKEN_", "ada", "reset-password", "Ada"]) {
      expect(sealed).not.toContain(part);
      expect(Buffer.from(sealed.slice(3), "base64url").toString("latin1")).not.toContain(part);
    }
    // A fresh IV each time: the same content never seals to the same text.
    expect(sealer.seal(content, "entry-1/digest")).not.toBe(sealed);
  });

  it("refuses another secret, another binding, and any altered byte", () => {
    const sealed = createMailSealer(SECRET).seal(content, "entry-1/digest");
    expect(() => createMailSealer(`${SECRET}!`).open(sealed, "entry-1/digest")).toThrow(
      /does not open with this JWT_SECRET/,
    );
    expect(() => createMailSealer(SECRET).open(sealed, "entry-2/digest")).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    for (const index of [0, 12, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = (altered[index] ?? 0) ^ 1;
      const text = `v1.${altered.toString("base64url")}`;
      expect(() => createMailSealer(SECRET).open(text, "entry-1/digest")).toThrow();
    }
    expect(() => createMailSealer(SECRET).open("v2.AAAA", "entry-1/digest")).toThrow(
      /not in a known format/,
    );
  });
});
