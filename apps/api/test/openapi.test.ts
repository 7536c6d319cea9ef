import { get } from "node:http";
import { requestPasswordReset } from "@otas/core";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "./support/http.js";
import { fetchOpenApiDocument, type OpenApiDoc, responseChecker } from "./support/openapi.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser, uniqueEmail } from "./support/users.js";

const LEGACY_OPERATIONS = [
  ["/api/user/v1/create/", "post"],
  ["/api/user/v1/login/", "post"],
  ["/api/user/v1/authenticate/", "post"],
  ["/api/user/v1/edit/", "put"],
  ["/api/user/v1/reset-password/update/", "put"],
  ["/api/user/v1/reset-password/init/", "post"],
  ["/api/user/v1/reset-password/reset/", "post"],
  ["/api/user/v1/logout/", "post"],
  ["/api/user/v1/logout-all/", "post"],
] as const;

/** The endpoints that take no token. */
const PUBLIC_PATHS = [
  "/api/user/v1/create/",
  "/api/user/v1/login/",
  "/api/user/v1/reset-password/init/",
  "/api/user/v1/reset-password/reset/",
];

// The document does not depend on the database; the REST behaviour itself is tested on both.
describe("the OpenAPI document at /openapi.json", () => {
  let server: TestServer;
  let doc: OpenApiDoc;
  const operation = (path: string, method: string) => {
    const found = doc.paths[path]?.[method];
    if (found === undefined) throw new Error(`${method} ${path} is not documented`);
    return found;
  };
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    doc = await fetchOpenApiDocument(server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    // A copy, so the document the other tests read stays as served.
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it("lists exactly the nine legacy paths as clients call them, served from this server", () => {
    expect(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => [path, method]),
      ),
    ).toEqual(LEGACY_OPERATIONS.map(([path, method]) => [path, method]));
    // Relative: wherever the document was fetched from (no PUBLIC_URL is configured here).
    expect(doc.servers).toEqual([{ url: "/" }]);
    expect(JSON.stringify(doc)).not.toMatch(/user-me|"\/user\/v1/);
  });

  it("describes the token header as an apiKey scheme, on the protected paths only", () => {
    expect(doc.components.securitySchemes).toEqual({
      OtasUserToken: expect.objectContaining({
        type: "apiKey",
        in: "header",
        name: "X-OTAS-USER-TOKEN",
      }),
    });
    for (const [path, method] of LEGACY_OPERATIONS) {
      const isPublic = PUBLIC_PATHS.includes(path);
      expect([path, operation(path, method).security]).toEqual([
        path,
        isPublic ? undefined : [{ OtasUserToken: [] }],
      ]);
    }
  });

  it("carries the request bodies' limits", () => {
    const body = (path: string, method: string) =>
      operation(path, method).requestBody?.content["application/json"].schema.properties ?? {};
    const create = body("/api/user/v1/create/", "post");
    expect(create.first_name).toMatchObject({ type: "string", maxLength: 100 });
    expect(create.middle_name).toMatchObject({ maxLength: 100 });
    expect(create.last_name).toMatchObject({ type: "string", maxLength: 100 });
    expect(create.email).toMatchObject({ type: "string", maxLength: 254 });
    expect(create.password).toMatchObject({ type: "string", minLength: 6 });
    const edit = body("/api/user/v1/edit/", "put");
    expect([edit.first_name?.maxLength, edit.last_name?.maxLength]).toEqual([100, 100]);
    expect(body("/api/user/v1/reset-password/update/", "put").password).toMatchObject({
      minLength: 6,
    });
    expect(body("/api/user/v1/login/", "post").Password).toBeDefined();
  });

  it("documents each endpoint's statuses and codes", () => {
    const body = (path: string, method: string) =>
      operation(path, method).requestBody?.content["application/json"].schema.properties ?? {};
    const statuses = (path: string, method: string) =>
      Object.keys(operation(path, method).responses);
    const describes = (path: string, method: string, status: string) =>
      operation(path, method).responses[status]?.description ?? "";
    // create answers even server_error with 400, as its contract documents.
    expect(statuses("/api/user/v1/create/", "post")).toEqual(["200", "400", "413", "429"]);
    for (const code of [
      "missing_fields",
      "user_already_exists",
      "field_too_long",
      "server_error",
    ]) {
      expect(describes("/api/user/v1/create/", "post", "400")).toContain(code);
    }
    expect(statuses("/api/user/v1/login/", "post")).toEqual(["200", "401", "413", "429", "500"]);
    expect(
      operation("/api/user/v1/login/", "post").responses["401"]?.content["application/json"].schema,
    ).toMatchObject({
      properties: { status: { const: 0 }, status_description: { enum: ["login_failed"] } },
      required: ["status", "status_description"],
      additionalProperties: false,
    });
    expect(describes("/api/user/v1/authenticate/", "post", "400")).toBe(
      "Failure: `missing_token`.",
    );
    expect(describes("/api/user/v1/authenticate/", "post", "401")).toBe(
      "Failure: `invalid_token`.",
    );
    expect(describes("/api/user/v1/edit/", "put", "400")).toContain("missing_required_fields");
    expect(describes("/api/user/v1/reset-password/update/", "put", "400")).toContain(
      "missing_password",
    );
    // Recovery by email: 404 while it is off (no mail transport in production).
    expect(statuses("/api/user/v1/reset-password/init/", "post")).toEqual([
      "200",
      "400",
      "404",
      "413",
      "429",
      "500",
    ]);
    expect(describes("/api/user/v1/reset-password/init/", "post", "200")).toContain(
      "reset_link_sent",
    );
    expect(describes("/api/user/v1/reset-password/reset/", "post", "400")).toContain(
      "invalid_or_expired_token",
    );
    expect(body("/api/user/v1/reset-password/reset/", "post").password?.minLength ?? 0).toBe(6);
    for (const [path, code] of [
      ["/api/user/v1/logout/", "logged_out"],
      ["/api/user/v1/logout-all/", "logged_out_everywhere"],
    ] as const) {
      expect(statuses(path, "post")).toEqual(["200", "400", "401", "413", "429", "500"]);
      expect(describes(path, "post", "200")).toBe(`Success: \`${code}\`.`);
      expect(describes(path, "post", "400")).toBe("Failure: `missing_token`.");
      expect(describes(path, "post", "401")).toBe("Failure: `invalid_token`.");
      expect(operation(path, "post").requestBody).toBeUndefined();
    }
  });

  it("documents only paths and methods that answer over HTTP", async () => {
    for (const [path, method] of LEGACY_OPERATIONS) {
      const res = await request(`${server.url}${path}`, {
        method: method.toUpperCase(),
        body: {},
      });
      expect([path, res.status]).not.toEqual([path, 404]);
      expect([path, res.status]).not.toEqual([path, 405]);
      expect(res.status).toBeLessThan(500);
    }
  });

  it("describes real success and failure responses exactly", async () => {
    const check = responseChecker(doc);
    const call = async (
      path: string,
      method: "post" | "put",
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await request(`${server.url}${path}`, {
        method: method.toUpperCase(),
        body,
        headers,
      });
      return { res, errors: check(path, method, res.status, res.json) };
    };
    const email = uniqueEmail("openapi");
    const created = await call("/api/user/v1/create/", "post", {
      first_name: "Ada",
      last_name: "Lovelace",
      email,
      password: "secret1",
    });
    expect([created.res.status, created.errors]).toEqual([200, null]);
    const token = (created.res.json as { response_body: { jwt_token: string } }).response_body
      .jwt_token;
    const auth = { "x-otas-user-token": token };
    const answers = [
      await call("/api/user/v1/login/", "post", { email, password: "secret1" }),
      await call("/api/user/v1/authenticate/", "post", "", auth),
      await call("/api/user/v1/edit/", "put", { first_name: "A", last_name: "L" }, auth),
      await call("/api/user/v1/reset-password/update/", "put", { password: "secret2" }, auth),
      await call("/api/user/v1/create/", "post", {}),
      await call("/api/user/v1/create/", "post", { ...(await registerUser(server.url)) }),
      await call("/api/user/v1/login/", "post", { email, password: "wrong!" }),
      await call("/api/user/v1/authenticate/", "post", ""),
      await call("/api/user/v1/authenticate/", "post", "", { "x-otas-user-token": "nope" }),
      await call("/api/user/v1/edit/", "put", { first_name: 1, last_name: "L" }, auth),
      await call("/api/user/v1/reset-password/update/", "put", { password: "short" }, auth),
      // Another address than the reset's below: the outbox's poller, issuing that request's
      // token whenever it polls, would otherwise void the token issued for the reset.
      await call("/api/user/v1/reset-password/init/", "post", { emailId: uniqueEmail("nobody") }),
      await call("/api/user/v1/reset-password/init/", "post", { emailId: 5 }),
      await call("/api/user/v1/reset-password/reset/", "post", {
        emailId: email,
        token: (await requestPasswordReset({ email }, server.deps))?.token,
        password: "secret3",
      }),
      await call("/api/user/v1/reset-password/reset/", "post", {
        emailId: email,
        token: "forged",
        password: "secret3",
      }),
    ];
    const signedIn = await request(`${server.url}/api/user/v1/login/`, {
      body: { email, password: "secret3" },
    });
    const again = {
      "x-otas-user-token": (signedIn.json as { response: { jwt_token: string } }).response
        .jwt_token,
    };
    answers.push(
      await call("/api/user/v1/logout/", "post", "", again),
      await call("/api/user/v1/logout/", "post", "", again),
      await call("/api/user/v1/logout-all/", "post", ""),
    );
    expect(answers.map(({ res }) => res.status)).toEqual([
      200, 200, 200, 200, 400, 400, 401, 400, 401, 400, 400, 200, 400, 200, 400, 200, 401, 400,
    ]);
    expect(answers.map(({ errors }) => errors)).toEqual(answers.map(() => null));
    // The checker is not vacuous: the login answer does not fit create's success schema.
    expect(check("/api/user/v1/create/", "post", 200, answers[0]?.res.json)).not.toBeNull();
  });

  it("serves the docs page at /docs with the same document", async () => {
    const page = await request(`${server.url}/docs`, { method: "GET" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const shown = await request(`${server.url}/docs/json`, { method: "GET" });
    expect(shown.json).toEqual(doc);
  });
});

/** GETs `path` with a forged Host header (fetch would not send one), answering status, headers, JSON. */
function getWithHost(baseUrl: string, path: string, host: string) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ status: number; headers: Record<string, unknown>; json: OpenApiDoc }>(
    (resolve, reject) => {
      get({ hostname, port, path, headers: { host } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }),
        );
      }).on("error", reject);
    },
  );
}

describe("the OpenAPI document's server", () => {
  const EVIL_HOST = "127.0.0.1:8300@evil.example";

  it("never comes from the Host header", async () => {
    const server = await startTestServer("sqlite");
    try {
      for (const path of ["/openapi.json", "/docs/json"]) {
        const res = await getWithHost(server.url, path, EVIL_HOST);
        expect([path, res.status, res.json.servers]).toEqual([path, 200, [{ url: "/" }]]);
        expect(JSON.stringify(res.json)).not.toContain("evil");
        expect(res.headers["cache-control"]).toBe("no-store");
      }
    } finally {
      await server.close();
    }
  });

  it("is PUBLIC_URL when configured, which the docs page may then call", async () => {
    const server = await startTestServer("sqlite", {
      env: { PUBLIC_URL: "https://users.otas.example/base" },
    });
    try {
      for (const path of ["/openapi.json", "/docs/json"]) {
        const res = await getWithHost(server.url, path, EVIL_HOST);
        expect([path, res.json.servers]).toEqual([
          path,
          [{ url: "https://users.otas.example/base" }],
        ]);
      }
      const page = await request(`${server.url}/docs`, { method: "GET" });
      expect(page.headers.get("content-security-policy")).toContain(
        "connect-src 'self' https://users.otas.example;",
      );
    } finally {
      await server.close();
    }
  });
});
