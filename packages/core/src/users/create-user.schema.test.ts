import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { parseRefusal } from "../testing/parse-refusal.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUserInput } from "./create-user.schema.js";

const valid = {
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.com",
  password: "secret1",
};

const errorOf = (body: unknown) => parseRefusal(createUserInput, body);

describe("createUserInput", () => {
  it("lists every absent required key in the contract's order", () => {
    expect(errorOf({})).toBe("missing_fields: first_name, last_name, email, password");
    expect(errorOf({ password: "x", first_name: "a" })).toBe("missing_fields: last_name, email");
    expect(errorOf({ ...valid, password: undefined, Password: "secret1" })).toBe(
      "missing_fields: password",
    );
  });

  it("reports missing fields before wrong types", () => {
    expect(errorOf({ first_name: 123, email: "a@b" })).toBe("missing_fields: last_name, password");
  });

  it.each([
    [{ ...valid, first_name: 123 }, "invalid_field_type: first_name"],
    [{ ...valid, middle_name: 5 }, "invalid_field_type: middle_name"],
    [{ ...valid, last_name: false }, "invalid_field_type: last_name"],
    [{ ...valid, email: {} }, "invalid_field_type: email"],
    [{ ...valid, password: ["a"] }, "invalid_field_type: password"],
    [{ ...valid, first_name: null }, "invalid_field_type: first_name"],
  ])("rejects a wrong JSON type %#", (body, message) => {
    expect(errorOf(body)).toBe(message);
  });

  it("reports a missing body (empty or malformed JSON) as invalid_json", () => {
    expect(errorOf(undefined)).toBe("invalid_json");
  });

  it.each([null, 5, "text", [1, 2], true])("rejects a body that is not an object: %j", (body) => {
    expect(errorOf(body)).toBe("invalid_body");
  });

  it("checks email format, then password length, then sizes", () => {
    expect(errorOf({ ...valid, email: "  ", password: "1" })).toBe("invalid_email_format");
    expect(errorOf({ ...valid, email: "no-at-sign", first_name: "x".repeat(101) })).toBe(
      "invalid_email_format",
    );
    expect(errorOf({ ...valid, password: "12345", first_name: "x".repeat(101) })).toBe(
      "password_too_short",
    );
    expect(errorOf({ ...valid, password: "😀😀😀😀😀" })).toBe("password_too_short");
    expect(errorOf({ ...valid, middle_name: "m".repeat(101) })).toBe("field_too_long: middle_name");
    expect(errorOf({ ...valid, last_name: "l".repeat(101) })).toBe("field_too_long: last_name");
    expect(errorOf({ ...valid, email: `${"e".repeat(250)}@b.cd` })).toBe("field_too_long: email");
  });

  it("accepts the limits themselves, counted in code points after trimming", () => {
    const parsed = parseInput(createUserInput, {
      ...valid,
      first_name: ` ${"😀".repeat(100)} `,
      email: `${"e".repeat(250)}@b.c`,
      password: "😀😀😀😀😀😀",
    });
    expect(parsed.first_name).toBe("😀".repeat(100));
  });

  it("normalises: Python trimming, lowercased email, untouched password, null middle name", () => {
    const parsed = parseInput(createUserInput, {
      first_name: "\u0085 Ada\u3000",
      last_name: "",
      email: "  ADA@Example.COM\u00a0",
      password: "  secret  ",
      id: "ignored",
    });
    expect(parsed).toEqual({
      first_name: "Ada",
      middle_name: null,
      last_name: "",
      email: "ada@example.com",
      password: "  secret  ",
    });
    expect(parseInput(createUserInput, { ...valid, middle_name: null }).middle_name).toBeNull();
    expect(parseInput(createUserInput, { ...valid, middle_name: " M " }).middle_name).toBe("M");
  });

  it("throws the contract's DomainError from its own parse, as tRPC calls it", () => {
    expect(() => createUserInput.parse({})).toThrow(
      new DomainError("missing_fields", "first_name, last_name, email, password"),
    );
    expect(createUserInput.parse(valid)).toMatchObject({ email: "ada@example.com" });
  });

  it("names the fields a refusal is about, also where the contract's detail does not", () => {
    const fieldsOf = (body: unknown) => {
      try {
        parseInput(createUserInput, body);
      } catch (error) {
        if (error instanceof DomainError) return [error.code, error.fields];
      }
      throw new Error("expected a DomainError");
    };
    expect(fieldsOf({ first_name: "Ada", last_name: "L" })).toEqual([
      "missing_fields",
      ["email", "password"],
    ]);
    expect(fieldsOf({ ...valid, email: "no-at-sign" })).toEqual([
      "invalid_email_format",
      ["email"],
    ]);
    expect(fieldsOf({ ...valid, password: "short" })).toEqual(["password_too_short", ["password"]]);
    expect(fieldsOf({ ...valid, last_name: 1 })).toEqual(["invalid_field_type", ["last_name"]]);
    expect(fieldsOf(null)).toEqual(["invalid_body", []]);
  });

  it("keeps U+FEFF, which Python does not strip", () => {
    expect(parseInput(createUserInput, { ...valid, first_name: "\ufeffAda" }).first_name).toBe(
      "\ufeffAda",
    );
  });
});
