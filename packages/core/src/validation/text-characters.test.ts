import { describe, expect, it } from "vitest";
import { parseRefusal } from "../testing/parse-refusal.js";
import { createUserInput } from "../users/create-user.schema.js";
import { loginUserInput } from "../users/login-user.schema.js";
import { updatePasswordInput } from "../users/update-password.schema.js";
import { updateProfileInput } from "../users/update-profile.schema.js";
import { parseInput } from "./domain-error-from-issues.js";
import { isHashablePassword, isStorableText } from "./text-characters.js";

const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";

/** Characters no name or email may hold once trimmed (each is a control or a lone surrogate). */
const UNSTORABLE = ["\u0000", "\u0001", "\u0008", "\u000e", "\u001b", "\u007f", "\u0080", "\u009f"];

const errorOf = parseRefusal;

const signUp = { first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" };
const valid = { ...signUp, password: "secret1" };

describe("isStorableText and isHashablePassword", () => {
  it.each([...UNSTORABLE, LONE_HIGH, LONE_LOW, `${LONE_LOW}${LONE_HIGH}`])(
    "refuse %j in a name or email",
    (character) => {
      expect(isStorableText(`a${character}b`)).toBe(false);
    },
  );

  it.each(["Ada", "😀", "Zoë", "\u00a0", "\ufeff", "\u200b", "\ud83d\ude00", "中文"])(
    "accept %j",
    (text) => {
      expect(isStorableText(text)).toBe(true);
      expect(isHashablePassword(text)).toBe(true);
    },
  );

  it("refuse NUL and lone surrogates in a password, but not other control characters", () => {
    expect(isHashablePassword("secret\u0000x")).toBe(false);
    expect(isHashablePassword(`secret${LONE_HIGH}`)).toBe(false);
    expect(isHashablePassword(`${LONE_LOW}secret`)).toBe(false);
    expect(isHashablePassword("tab\there\u001b\u007f")).toBe(true);
  });
});

describe("sign-up refuses unstorable characters", () => {
  it.each(["first_name", "middle_name", "last_name", "email"])(
    "answers invalid_characters: %s for NUL inside it",
    (field) => {
      const value = field === "email" ? "a\u0000b@example.com" : "A\u0000da";
      expect(errorOf(createUserInput, { ...valid, [field]: value })).toBe(
        `invalid_characters: ${field}`,
      );
    },
  );

  it.each([...UNSTORABLE, LONE_HIGH, LONE_LOW])("refuses %j in a name", (character) => {
    expect(errorOf(createUserInput, { ...valid, first_name: `A${character}` })).toBe(
      "invalid_characters: first_name",
    );
  });

  it.each(["\u0000", LONE_HIGH, LONE_LOW])("refuses %j in the password", (character) => {
    expect(errorOf(createUserInput, { ...valid, password: `secret1${character}` })).toBe(
      "invalid_characters: password",
    );
  });

  it("accepts other control characters in a password, which is hashed exactly as sent", () => {
    expect(parseInput(createUserInput, { ...valid, password: "\tsecret\u001b\n" }).password).toBe(
      "\tsecret\u001b\n",
    );
  });

  it("checks after trimming: Python whitespace controls at the ends are trimmed, not refused", () => {
    const parsed = parseInput(createUserInput, {
      ...valid,
      first_name: "\t\u001fAda\u0085\n",
      email: "\u001cada@example.com\r",
    });
    expect([parsed.first_name, parsed.email]).toEqual(["Ada", "ada@example.com"]);
    expect(errorOf(createUserInput, { ...valid, first_name: "A\tda" })).toBe(
      "invalid_characters: first_name",
    );
  });

  it("comes after missing fields and types, before email format, password length and sizes", () => {
    const nul = "x\u0000";
    expect(errorOf(createUserInput, { first_name: nul })).toBe(
      "missing_fields: last_name, email, password",
    );
    expect(errorOf(createUserInput, { ...valid, first_name: nul, last_name: 5 })).toBe(
      "invalid_field_type: last_name",
    );
    expect(errorOf(createUserInput, { ...valid, email: "\u0000", password: "1" })).toBe(
      "invalid_characters: email",
    );
    expect(errorOf(createUserInput, { ...valid, email: "no-at", last_name: nul })).toBe(
      "invalid_characters: last_name",
    );
    expect(errorOf(createUserInput, { ...valid, password: "\u0000" })).toBe(
      "invalid_characters: password",
    );
    expect(errorOf(createUserInput, { ...valid, first_name: `${"x".repeat(200)}\u0000` })).toBe(
      "invalid_characters: first_name",
    );
  });

  it("names the first offending field in the contract's order", () => {
    expect(
      errorOf(createUserInput, { ...valid, email: "a\u0000@b.c", middle_name: "\u0001" }),
    ).toBe("invalid_characters: middle_name");
    expect(errorOf(createUserInput, { ...valid, email: "a\u0000@b.c", password: "\u0000" })).toBe(
      "invalid_characters: email",
    );
  });
});

describe("profile edit refuses unstorable characters", () => {
  const names = { first_name: "Ada", last_name: "Lovelace" };
  it.each(["first_name", "middle_name", "last_name"])("in %s", (field) => {
    expect(errorOf(updateProfileInput, { ...names, [field]: `x${LONE_HIGH}` })).toBe(
      `invalid_characters: ${field}`,
    );
  });

  it("after absent or empty names, before sizes", () => {
    expect(errorOf(updateProfileInput, { first_name: "\u0000" })).toBe("missing_required_fields");
    expect(errorOf(updateProfileInput, { first_name: "\u0000", last_name: " " })).toBe(
      "missing_required_fields",
    );
    expect(errorOf(updateProfileInput, { ...names, last_name: `${"x".repeat(101)}\u0000` })).toBe(
      "invalid_characters: last_name",
    );
  });
});

describe("password change refuses NUL and unpaired surrogates", () => {
  it.each(["\u0000", LONE_HIGH, LONE_LOW])("%j", (character) => {
    expect(errorOf(updatePasswordInput, { password: `new-secret${character}` })).toBe(
      "invalid_characters: password",
    );
  });

  it("after missing_password, before password_too_short", () => {
    expect(errorOf(updatePasswordInput, { password: "" })).toBe("missing_password");
    expect(errorOf(updatePasswordInput, { password: "\u0000" })).toBe(
      "invalid_characters: password",
    );
  });
});

describe("login answers login_failed for values no account can have", () => {
  it.each([
    ["NUL in the email", { email: "a\u0000@b.c", password: "secret1" }],
    ["a control character in the email", { email: "a\u0007@b.c", password: "secret1" }],
    ["a lone surrogate in the email", { email: `a${LONE_LOW}@b.c`, password: "secret1" }],
    ["NUL in the password", { email: "a@b.c", password: "secret1\u0000" }],
    ["NUL in Password", { email: "a@b.c", Password: "secret1\u0000" }],
    ["a lone surrogate in the password", { email: "a@b.c", password: LONE_HIGH }],
  ])("%s", (_name, body) => {
    expect(errorOf(loginUserInput, body)).toBe("login_failed");
  });

  it("still trims the email's Python whitespace, controls included", () => {
    expect(parseInput(loginUserInput, { email: "\u001fA@B.C\n", password: "x" }).email).toBe(
      "a@b.c",
    );
  });
});
