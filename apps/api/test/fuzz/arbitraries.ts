import fc from "fast-check";

/** The five legacy endpoints, each also without its trailing slash. */
export const ENDPOINTS = [
  { method: "POST", path: "/api/user/v1/create/", kind: "envelope" },
  { method: "POST", path: "/api/user/v1/login/", kind: "login" },
  { method: "POST", path: "/api/user/v1/authenticate/", kind: "envelope" },
  { method: "PUT", path: "/api/user/v1/edit/", kind: "envelope" },
  { method: "PUT", path: "/api/user/v1/reset-password/update/", kind: "envelope" },
] as const;

export type Endpoint = (typeof ENDPOINTS)[number];

/** One fuzzed request. */
export interface FuzzRequest {
  endpoint: Endpoint;
  trailingSlash: boolean;
  body: string | undefined;
  contentType: string | undefined;
  token: string | undefined;
}

const FIELDS = ["first_name", "middle_name", "last_name", "email", "password", "Password"];

/** Printable ASCII: what an HTTP client can put in a header value. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});

/** Any string: unicode graphemes, arbitrary code points (lone surrogates too), control chars. */
const anyString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 300 }),
);

const fieldValue = fc.oneof(anyString, fc.jsonValue({ maxDepth: 2 }), fc.constant(null));

/** Objects with the real field names (and sometimes more) holding anything. */
const fieldObject = fc
  .record(Object.fromEntries(FIELDS.map((field) => [field, fieldValue])), { requiredKeys: [] })
  .chain((object) =>
    fc.dictionary(anyString, fieldValue, { maxKeys: 2 }).map((extra) => ({ ...extra, ...object })),
  );

/** A body: JSON values, field-shaped objects, plausible sign-ups, raw strings, or none. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fieldObject.map((value) => JSON.stringify(value)),
  fc
    .record({
      first_name: anyString,
      last_name: anyString,
      email: fc.emailAddress(),
      password: anyString,
    })
    .map((value) => JSON.stringify(value)),
  anyString,
  fc.constant(undefined),
);

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/octet-stream",
      "application/xml",
    ),
    headerText,
  ),
  { nil: undefined },
);

/** Requests to fuzz; `validToken` is a real token, sometimes sent as is or altered. */
export function fuzzRequest(validToken: string): fc.Arbitrary<FuzzRequest> {
  const token = fc.option(
    fc.oneof(
      headerText,
      fc.constant(validToken),
      fc
        .tuple(fc.nat({ max: validToken.length - 1 }), headerText)
        .map(([at, text]) => validToken.slice(0, at) + text + validToken.slice(at + 1)),
    ),
    { nil: undefined },
  );
  return fc.record({
    endpoint: fc.constantFrom(...ENDPOINTS),
    trailingSlash: fc.boolean(),
    body,
    contentType,
    token,
  });
}

/** A character no name or email may hold: a control character (Cc) or a lone surrogate. */
const unstorable = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));

/** A character no password may hold: NUL or a lone surrogate. */
const unhashable = fc.oneof(
  fc.constant("\u0000"),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);

/** Printable text around the bad character, so trimming never removes it. */
const around = (bad: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), bad, fc.string({ maxLength: 8 }))
    .map(([before, character, after]) => `x${before}${character}${after}x`);

/** One field of a well-formed body that holds a character it may not. */
export interface PoisonedRequest {
  endpoint: Endpoint;
  field: string;
  body: Record<string, string>;
}

/**
 * Well-formed calls with one text field holding a control character or a lone surrogate (a
 * password: NUL or a lone surrogate): sign-up, edit and password change must answer
 * `invalid_characters: <field>`, login `login_failed`, on both databases alike.
 */
export function poisonedRequest(): fc.Arbitrary<PoisonedRequest> {
  const names = { first_name: "Ada", middle_name: "King", last_name: "Lovelace" };
  const signUp = { ...names, email: "poisoned@example.com", password: "secret1" };
  const [create, login, , edit, update] = ENDPOINTS;
  const poison = (endpoint: Endpoint, body: Record<string, string>, fields: string[]) =>
    fc.constantFrom(...fields).chain((field) =>
      (field === "password" ? around(unhashable) : around(unstorable)).map((value) => ({
        endpoint,
        field,
        body: {
          ...body,
          [field]: field === "email" ? `${value}@example.com` : value,
        },
      })),
    );
  return fc.oneof(
    poison(create, signUp, Object.keys(signUp)),
    poison(login, { email: signUp.email, password: signUp.password }, ["email", "password"]),
    poison(edit, names, Object.keys(names)),
    poison(update, { password: "new-secret" }, ["password"]),
  );
}
