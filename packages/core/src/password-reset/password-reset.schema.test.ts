import { describe, expect, it } from "vitest";
import { parseRefusal } from "../testing/parse-refusal.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { requestPasswordResetInput } from "./request-password-reset.schema.js";
import { resetPasswordInput } from "./reset-password.schema.js";

const errorOf = parseRefusal;

describe("requestPasswordResetInput", () => {
  it("takes emailId, or email when emailId is absent, trimmed and lowercased", () => {
    expect(parseInput(requestPasswordResetInput, { emailId: " Ada@Example.COM\u00a0" })).toEqual({
      email: "ada@example.com",
    });
    expect(parseInput(requestPasswordResetInput, { email: "ada@example.com" })).toEqual({
      email: "ada@example.com",
    });
    expect(parseInput(requestPasswordResetInput, { emailId: "a@b.c", email: "other@b.c" })).toEqual(
      { email: "a@b.c" },
    );
  });

  it.each([
    [{}, "missing_fields: emailId"],
    [{ emailId: 5 }, "invalid_field_type: emailId"],
    [{ email: null }, "invalid_field_type: email"],
    [{ emailId: "no-at-sign" }, "invalid_email_format"],
    // Sign-up's character rules, before the format (a NUL would fail PostgreSQL's look-up).
    [{ emailId: "a\u0000@b.c" }, "invalid_characters: emailId"],
    [{ emailId: "\u0000" }, "invalid_characters: emailId"],
    [{ email: "a\u001b[31m@b.c" }, "invalid_characters: email"],
    [{ emailId: "a\ud800@b.c" }, "invalid_characters: emailId"],
    [{ emailId: "a\u0085@b.c" }, "invalid_characters: emailId"],
    [{ email: `${"e".repeat(250)}@b.cd` }, "field_too_long: email"],
    [undefined, "invalid_json"],
    [[1], "invalid_body"],
  ])("parses %j as %s", (body, message) => {
    expect(errorOf(requestPasswordResetInput, body)).toBe(message);
  });
});

describe("resetPasswordInput", () => {
  it("lists every absent key in the order emailId, token, password", () => {
    expect(errorOf(resetPasswordInput, {})).toBe("missing_fields: emailId, token, password");
    expect(errorOf(resetPasswordInput, { token: "t" })).toBe("missing_fields: emailId, password");
    expect(errorOf(resetPasswordInput, { email: "a@b.c", token: "t", password: "secret1" })).toBe(
      "missing_fields: emailId",
    );
  });

  it.each([
    [{ emailId: "a@b.c", token: 1, password: "secret1" }, "invalid_field_type: token"],
    [{ emailId: "a@b.c", token: "t", password: "12345" }, "password_too_short"],
    [{ emailId: "a@b.c", token: "t", password: "" }, "password_too_short"],
    // Sign-up's character rules, before the length, in the order emailId, password.
    [{ emailId: "a\u0000@b.c", token: "t", password: "secret1" }, "invalid_characters: emailId"],
    [{ emailId: "a\u007f@b.c", token: "t", password: "\u0000" }, "invalid_characters: emailId"],
    [{ emailId: "a@b.c", token: "t", password: "pass\u0000word1" }, "invalid_characters: password"],
    [{ emailId: "a@b.c", token: "t", password: "pass\ud800word1" }, "invalid_characters: password"],
    [{ emailId: "a@b.c", token: "t", password: "\udfff" }, "invalid_characters: password"],
    ["x", "invalid_body"],
  ])("parses %j as %s", (body, message) => {
    expect(errorOf(resetPasswordInput, body)).toBe(message);
  });

  it("keeps other control characters and paired surrogates in a password, as sign-up does", () => {
    const password = "tab\tand\u001b and \ud83d\ude00";
    expect(parseInput(resetPasswordInput, { emailId: "a@b.c", token: "t", password })).toEqual({
      email: "a@b.c",
      token: "t",
      password,
    });
  });

  it("normalises the email and keeps the token and password as sent", () => {
    expect(
      parseInput(resetPasswordInput, { emailId: " ADA@x.io ", token: " t ", password: " pass1 " }),
    ).toEqual({ email: "ada@x.io", token: " t ", password: " pass1 " });
  });
});
