import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import {
  providers,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from "./support/test-server.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Python's isoformat: six fraction digits (the clock's microseconds), none when all are zero. */
const PY_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

let counter = 0;
function uniqueEmail(tag = "user") {
  counter += 1;
  return `${tag}.${counter}.${Date.now()}@example.com`;
}
function signUp(overrides: Record<string, unknown> = {}) {
  return {
    first_name: "Ada",
    last_name: "Lovelace",
    email: uniqueEmail(),
    password: "secret1",
    ...overrides,
  };
}

describe.each(providers)("POST /api/user/v1/create/ on %s", (provider) => {
  let server: TestServer;
  let create: string;
  beforeAll(async () => {
    server = await startTestServer(provider);
    create = `${server.url}/api/user/v1/create/`;
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("success", () => {
    it("answers 200 with the user object and a token that verifies with the shared secret", async () => {
      const email = uniqueEmail("Ada");
      const before = Math.floor(Date.now() / 1000);
      const res = await request(create, { body: signUp({ email: `  ${email.toUpperCase()} ` }) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = res.json as {
        response_body: { user: Record<string, string>; jwt_token: string };
      };
      expect(body).toEqual({
        status: 1,
        status_description: "user_created",
        response_body: { user: expect.any(Object), jwt_token: expect.any(String) },
      });
      const { user, jwt_token } = body.response_body;
      expect(Object.keys(user).sort()).toEqual([
        "created_at",
        "email",
        "first_name",
        "id",
        "last_name",
        "middle_name",
        "updated_at",
      ]);
      expect(user).toMatchObject({
        first_name: "Ada",
        middle_name: "",
        last_name: "Lovelace",
        email: email.toLowerCase(),
      });
      expect(user.id).toMatch(UUID_V4);
      expect(user.created_at).toMatch(PY_ISO);
      expect(user.updated_at).toBe(user.created_at);

      const [header] = jwt_token.split(".");
      expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toEqual({
        alg: "HS256",
        typ: "JWT",
      });
      const claims = jwt.verify(jwt_token, TEST_JWT_SECRET, {
        algorithms: ["HS256"],
      }) as jwt.JwtPayload;
      // The claims the other OTAS services read, and this service's session (`sid`).
      expect(Object.keys(claims).sort()).toEqual(["email", "exp", "iat", "sid", "user_id"]);
      expect(claims).toMatchObject({ user_id: user.id, email: email.toLowerCase() });
      expect(claims.sid).toMatch(UUID_V4);
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(30 * 86_400);
    });

    it("trims names and email with Python semantics, keeps U+FEFF, never trims the password", async () => {
      const email = uniqueEmail();
      const res = await request(create, {
        body: signUp({
          first_name: "\u0085\u00a0Ada\u3000",
          middle_name: "\u001f M \u2028",
          last_name: "\ufeffL",
          email: `\u3000${email}\u0085`,
          password: "  pass  ",
        }),
      });
      const user = (res.json as { response_body: { user: Record<string, string> } }).response_body
        .user;
      expect(user).toMatchObject({
        first_name: "Ada",
        middle_name: "M",
        last_name: "\ufeffL",
        email,
      });
      const stored = await server.deps.users.findCredentialsByEmail(email);
      expect(
        (await server.deps.hasher.verify("  pass  ", stored?.passwordHash ?? "")).matches,
      ).toBe(true);
      expect((await server.deps.hasher.verify("pass", stored?.passwordHash ?? "")).matches).toBe(
        false,
      );
    });

    it("accepts an empty first name, a null middle name and ignores unknown keys including id", async () => {
      const res = await request(create, {
        body: signUp({
          first_name: "",
          middle_name: null,
          id: "00000000-0000-4000-8000-000000000000",
          is_admin: true,
        }),
      });
      expect(res.status).toBe(200);
      const user = (res.json as { response_body: { user: Record<string, string> } }).response_body
        .user;
      expect(user.first_name).toBe("");
      expect(user.middle_name).toBe("");
      expect(user.id).not.toBe("00000000-0000-4000-8000-000000000000");
      expect(user).not.toHaveProperty("is_admin");
    });

    it.each([
      ["text/plain", "text/plain"],
      ["form-urlencoded", "application/x-www-form-urlencoded"],
      ["json with charset", "application/json; charset=utf-8"],
      ["an unknown type", "application/octet-stream"],
    ])("parses a JSON body sent as %s", async (_name, contentType) => {
      const res = await request(create, {
        body: JSON.stringify(signUp()),
        headers: { "content-type": contentType },
      });
      expect(res.status).toBe(200);
      expect((res.json as { status_description: string }).status_description).toBe("user_created");
    });

    it("parses a JSON body sent with no Content-Type", async () => {
      const res = await fetch(create, {
        method: "POST",
        body: new Blob([JSON.stringify(signUp())]),
      });
      expect(res.status).toBe(200);
    });

    it("answers the same path without its trailing slash", async () => {
      const res = await request(`${server.url}/api/user/v1/create`, { body: signUp() });
      expect(res.status).toBe(200);
    });

    it("accepts the size limits themselves and a 1000-character password without truncating it", async () => {
      const email = `${"e".repeat(254 - "@example.com".length)}@example.com`;
      const password = "p".repeat(999);
      const res = await request(create, {
        body: signUp({
          first_name: "😀".repeat(100),
          middle_name: "m".repeat(100),
          last_name: "l".repeat(100),
          email,
          password: `${password}A`,
        }),
      });
      expect(res.status).toBe(200);
      const stored = await server.deps.users.findCredentialsByEmail(email);
      expect(
        (await server.deps.hasher.verify(`${password}A`, stored?.passwordHash ?? "")).matches,
      ).toBe(true);
      expect(
        (await server.deps.hasher.verify(`${password}B`, stored?.passwordHash ?? "")).matches,
      ).toBe(false);
    });
  });

  describe("errors (all 400, first failure wins)", () => {
    it.each([
      [{}, "missing_fields: first_name, last_name, email, password"],
      [{ password: "secret1", email: "a@b.c" }, "missing_fields: first_name, last_name"],
      [
        { first_name: "A", last_name: "B", email: "a@b.c", Password: "secret1" },
        "missing_fields: password",
      ],
      [{ first_name: "A", email: "no-at", password: "1" }, "missing_fields: last_name"],
      [{ first_name: "A", last_name: "B", email: "  ", password: "1" }, "invalid_email_format"],
      [
        { first_name: "A", last_name: "B", email: "nobody.example.com", password: "secret1" },
        "invalid_email_format",
      ],
      [
        { first_name: "A", last_name: "B", email: "a@b.c", password: "12345" },
        "password_too_short",
      ],
      [
        { first_name: "A", last_name: "B", email: "a@b.c", password: "😀😀😀😀😀" },
        "password_too_short",
      ],
      [
        { first_name: 123, last_name: "B", email: "a@b.c", password: "secret1" },
        "invalid_field_type: first_name",
      ],
      [
        { first_name: "A", last_name: "B", email: "a@b.c", password: ["a"] },
        "invalid_field_type: password",
      ],
      [
        { first_name: "A", middle_name: 7, last_name: "B", email: "a@b.c", password: "secret1" },
        "invalid_field_type: middle_name",
      ],
      [
        { first_name: "A", last_name: "B", email: { a: 1 }, password: "secret1" },
        "invalid_field_type: email",
      ],
      [
        { first_name: "x".repeat(101), last_name: "B", email: "a@b.c", password: "secret1" },
        "field_too_long: first_name",
      ],
      [
        { first_name: "A", last_name: "B", email: `${"e".repeat(250)}@b.cd`, password: "secret1" },
        "field_too_long: email",
      ],
    ])("%j → %s", async (body, description) => {
      const res = await request(create, { body });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(failure(description));
    });

    it("refuses a second account for the same email in another case or spacing", async () => {
      const email = uniqueEmail();
      expect((await request(create, { body: signUp({ email }) })).status).toBe(200);
      for (const variant of [email.toUpperCase(), `  ${email}\u00a0`]) {
        const res = await request(create, { body: signUp({ email: variant }) });
        expect(res.status).toBe(400);
        expect(res.json).toEqual(failure("user_already_exists"));
      }
    });

    it.each([
      ["malformed JSON", '{"first_name": '],
      ["an empty body", ""],
      ["whitespace only", "  \n"],
    ])("answers invalid_json for %s", async (_name, body) => {
      const res = await request(create, { body, headers: { "content-type": "application/json" } });
      expect(res.status).toBe(400);
      expect(res.json).toEqual(failure("invalid_json"));
    });

    it("answers invalid_json for a POST with no body at all", async () => {
      const res = await request(create);
      expect(res.status).toBe(400);
      expect(res.json).toEqual(failure("invalid_json"));
    });

    it("treats [] like {}", async () => {
      const res = await request(create, {
        body: "[]",
        headers: { "content-type": "application/json" },
      });
      expect(res.json).toEqual(failure("missing_fields: first_name, last_name, email, password"));
    });

    it.each(["null", "5", '"text"', "[1, 2]", "[{}]", "true"])(
      "answers invalid_body for the JSON value %s",
      async (body) => {
        const res = await request(create, {
          body,
          headers: { "content-type": "application/json" },
        });
        expect(res.status).toBe(400);
        expect(res.json).toEqual(failure("invalid_body"));
      },
    );

    it("answers invalid_body, in the envelope and logged, for a body nested 5000 levels deep", async () => {
      const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
      for (const body of [deep, `{"first_name": ${deep}}`]) {
        const res = await request(create, {
          body,
          headers: { "content-type": "application/json" },
        });
        expect([res.status, res.json]).toEqual([400, failure("invalid_body")]);
        const completed = server.logs.find(
          (line) =>
            line.includes(res.headers.get("x-request-id") ?? "?") && line.includes("completed"),
        );
        expect(completed).toContain('"statusCode":400');
      }
    });

    it("answers a body over the size limit with a 413 envelope", async () => {
      const res = await request(create, { body: signUp({ first_name: "x".repeat(70_000) }) });
      expect(res.status).toBe(413);
      expect(res.json).toEqual(failure("payload_too_large"));
    });

    it("answers 405 with the envelope for another method on the path", async () => {
      for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
        const res = await request(create, { method });
        expect(res.status).toBe(405);
        expect(res.json).toEqual(failure("method_not_allowed"));
        expect(res.headers.get("allow")).toBe("POST");
      }
    });

    it("answers 404 with the envelope for unknown paths under /api/", async () => {
      for (const path of [
        "/api/",
        "/api/user/v1/nope/",
        "/api/user/v1/create/extra",
        "/api/USER/V1/CREATE/",
      ]) {
        const res = await request(`${server.url}${path}`, { body: signUp() });
        expect(res.status).toBe(404);
        expect(res.json).toEqual(failure("not_found"));
      }
    });
  });

  it("changes nothing when a request fails", async () => {
    const email = uniqueEmail();
    await request(create, { body: signUp({ email, password: "123" }) });
    await request(create, { body: signUp({ email, first_name: "x".repeat(101) }) });
    expect(await server.deps.users.findCredentialsByEmail(email)).toBeNull();
  });

  it("answers CORS preflight for any origin with the token and content-type headers", async () => {
    const res = await fetch(create, {
      method: "OPTIONS",
      headers: {
        origin: "https://otas.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-otas-user-token",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "x-otas-user-token",
    );
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const actual = await request(create, {
      body: signUp(),
      headers: { origin: "https://otas.example" },
    });
    expect(actual.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("gives exactly one account to 20 simultaneous sign-ups of one email", async () => {
    const email = uniqueEmail("race");
    const variants = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0 ? email.toUpperCase() : i % 3 === 1 ? ` ${email} ` : email,
    );
    const answers = await Promise.all(
      variants.map((variant) => request(create, { body: signUp({ email: variant }) })),
    );
    const descriptions = answers.map(
      (res) => (res.json as { status_description: string }).status_description,
    );
    expect(descriptions.filter((d) => d === "user_created")).toHaveLength(1);
    expect(descriptions.filter((d) => d === "user_already_exists")).toHaveLength(19);
    expect(answers.filter((res) => res.status === 400)).toHaveLength(19);
    expect(await (await server.database.prisma()).user.count({ where: { email } })).toBe(1);
  });
});
