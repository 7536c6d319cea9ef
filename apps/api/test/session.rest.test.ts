import { handMadeToken } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import {
  providers,
  startTestServer,
  TEST_JWT_SECRET,
  type TestServer,
} from "./support/test-server.js";
import { registerUser, uniqueEmail } from "./support/users.js";

const LOGIN_FAILED = { status: 0, status_description: "login_failed" };
const now = () => Math.floor(Date.now() / 1000);

describe.each(providers)(
  "login, authenticate, edit and password update over REST on %s",
  (provider) => {
    let server: TestServer;
    const url = (path: string) => `${server.url}/api/user/v1/${path}`;
    beforeAll(async () => {
      server = await startTestServer(provider);
    });
    afterAll(async () => {
      await server?.close();
    });

    describe("POST /api/user/v1/login/", () => {
      it("logs in with the email trimmed and in any case, answering under `response`", async () => {
        const { user, email, password } = await registerUser(server.url);
        const res = await request(url("login/"), {
          body: { email: `  ${email.toUpperCase()}\u00a0`, password },
        });
        expect(res.status).toBe(200);
        const body = res.json as { response: { user: unknown; jwt_token: string } };
        expect(body).toEqual({
          status: 1,
          status_description: "login_success",
          response: { user, jwt_token: expect.any(String) },
        });
        const me = await request(url("authenticate/"), {
          headers: { "x-otas-user-token": body.response.jwt_token },
        });
        expect(me.status).toBe(200);
      });

      it("takes Password when non-empty, password otherwise", async () => {
        const { email, password } = await registerUser(server.url);
        expect(
          (
            await request(url("login/"), {
              body: { email, password: "wrong-one", Password: password },
            })
          ).status,
        ).toBe(200);
        expect(
          (await request(url("login/"), { body: { email, password, Password: "" } })).status,
        ).toBe(200);
        expect((await request(url("login/"), { body: { email, Password: password } })).status).toBe(
          200,
        );
        expect(
          (await request(url("login/"), { body: { email, password, Password: "wrong-one" } }))
            .status,
        ).toBe(401);
      });

      it.each([
        ["a wrong password", (email: string) => ({ body: { email, password: "not-it" } })],
        [
          "an unknown email",
          () => ({ body: { email: uniqueEmail("nobody"), password: "secret1" } }),
        ],
        ["missing fields", () => ({ body: {} })],
        ["a missing password", (email: string) => ({ body: { email } })],
        ["a wrong type", (email: string) => ({ body: { email, password: 123456 } })],
        [
          "malformed JSON",
          () => ({ body: "{oops", headers: { "content-type": "application/json" } }),
        ],
        ["an empty body", () => ({})],
        [
          "a non-object body",
          () => ({ body: "[1]", headers: { "content-type": "application/json" } }),
        ],
        ["null", () => ({ body: "null", headers: { "content-type": "application/json" } })],
        [
          "a body nested 5000 levels deep",
          () => ({
            body: `${"[".repeat(5000)}${"]".repeat(5000)}`,
            headers: { "content-type": "application/json" },
          }),
        ],
      ])("answers %s with the bare 401 login_failed", async (_name, init) => {
        const { email } = await registerUser(server.url);
        const res = await request(url("login/"), init(email));
        expect(res.status).toBe(401);
        expect(res.json).toEqual(LOGIN_FAILED);
      });

      it("checks long passwords in full (no 72-byte truncation)", async () => {
        const long = "q".repeat(999);
        const { email } = await registerUser(server.url, { password: `${long}1` });
        expect(
          (await request(url("login/"), { body: { email, password: `${long}1` } })).status,
        ).toBe(200);
        expect(
          (await request(url("login/"), { body: { email, password: `${long}2` } })).status,
        ).toBe(401);
      });
    });

    describe("POST /api/user/v1/authenticate/", () => {
      it("returns the user of a valid token, ignoring the body", async () => {
        const { user, token } = await registerUser(server.url);
        for (const body of [undefined, "not json", "[1,2]"]) {
          const res = await request(url("authenticate/"), {
            ...(body === undefined ? {} : { body }),
            headers: { "x-otas-user-token": token },
          });
          expect(res.status).toBe(200);
          expect(res.json).toEqual({
            status: 1,
            status_description: "user_authenticated",
            response_body: { user },
          });
        }
      });

      it("accepts a token made elsewhere with the shared secret and documented claims", async () => {
        const { user } = await registerUser(server.url);
        const token = handMadeToken(
          { user_id: user.id, email: user.email, iat: now(), exp: now() + 3600 },
          { secret: TEST_JWT_SECRET },
        );
        expect(
          (await request(url("authenticate/"), { headers: { "x-otas-user-token": token } })).status,
        ).toBe(200);
      });

      it("answers missing_token (400) without the header or with an empty one", async () => {
        for (const headers of [{}, { "x-otas-user-token": "" }]) {
          const res = await request(url("authenticate/"), { headers });
          expect(res.status).toBe(400);
          expect(res.json).toEqual(failure("missing_token"));
        }
      });

      it("answers invalid_token (401) for every kind of unusable token", async () => {
        const { user, token } = await registerUser(server.url);
        const claims = { user_id: user.id, email: user.email, iat: now(), exp: now() + 3600 };
        const secret = TEST_JWT_SECRET;
        const [header, , signature] = token.split(".");
        const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: "evil@example.com" })).toString("base64url")}.${signature}`;
        const tokens = {
          garbage: "garbage",
          bearer: `Bearer ${token}`,
          otherSecret: handMadeToken(claims, { secret: "some-other-secret-some-other-secret" }),
          tampered,
          expired: handMadeToken({ ...claims, iat: now() - 7200, exp: now() - 3600 }, { secret }),
          futureNbf: handMadeToken({ ...claims, nbf: now() + 3600 }, { secret }),
          futureIat: handMadeToken({ ...claims, iat: now() + 3600 }, { secret }),
          algNone: handMadeToken(claims, { secret, hmac: "none" }),
          hs512: handMadeToken(claims, { secret, hmac: "sha512" }),
          unknownUser: handMadeToken(
            { ...claims, user_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
            { secret },
          ),
          notUuid: handMadeToken({ ...claims, user_id: "1; DROP TABLE users" }, { secret }),
          missingClaim: handMadeToken(
            { user_id: user.id, email: user.email, iat: now() },
            { secret },
          ),
          critHeader: handMadeToken(claims, {
            secret,
            header: { alg: "HS256", typ: "JWT", crit: ["exp"] },
          }),
          // The test server's JWT_VALIDITY_DAYS is 30.
          longerThanValidity: handMadeToken(
            { ...claims, exp: claims.iat + 31 * 86_400 },
            { secret },
          ),
        };
        for (const [name, bad] of Object.entries(tokens)) {
          const res = await request(url("authenticate/"), {
            headers: { "x-otas-user-token": bad },
          });
          expect([name, res.status, res.json]).toEqual([name, 401, failure("invalid_token")]);
        }
      });
    });

    describe("PUT /api/user/v1/edit/", () => {
      it("replaces the names (trimmed), resets an absent middle name, ignores email and id", async () => {
        const { user, token } = await registerUser(server.url);
        const res = await request(url("edit/"), {
          method: "PUT",
          body: {
            first_name: " Grace\u3000",
            last_name: "Hopper",
            email: "evil@example.com",
            id: "00000000-0000-4000-8000-000000000000",
          },
          headers: { "x-otas-user-token": token },
        });
        expect(res.status).toBe(200);
        const edited = (res.json as { response_body: { user: Record<string, string> } })
          .response_body.user;
        expect(res.json).toEqual({
          status: 1,
          status_description: "user_profile_updated",
          response_body: { user: edited },
        });
        expect(edited).toMatchObject({
          id: user.id,
          email: user.email,
          first_name: "Grace",
          middle_name: "",
          last_name: "Hopper",
          created_at: user.created_at,
        });
        expect(`${edited.updated_at}` > `${user.updated_at}`).toBe(true);
        const me = await request(url("authenticate/"), { headers: { "x-otas-user-token": token } });
        expect((me.json as { response_body: { user: unknown } }).response_body.user).toEqual(
          edited,
        );
      });

      it("checks the token before the body", async () => {
        const res = await request(url("edit/"), {
          method: "PUT",
          body: "{bad",
          headers: { "content-type": "application/json" },
        });
        expect([res.status, res.json]).toEqual([400, failure("missing_token")]);
        const bad = await request(url("edit/"), {
          method: "PUT",
          body: "{bad",
          headers: { "content-type": "application/json", "x-otas-user-token": "x" },
        });
        expect([bad.status, bad.json]).toEqual([401, failure("invalid_token")]);
      });

      it.each([
        ["{bad", "invalid_json"],
        ["", "invalid_json"],
        ["{}", "missing_required_fields"],
        [JSON.stringify({ first_name: "A" }), "missing_required_fields"],
        [JSON.stringify({ first_name: " ", last_name: "B" }), "missing_required_fields"],
        [JSON.stringify({ first_name: 1, last_name: "B" }), "invalid_field_type: first_name"],
        [
          JSON.stringify({ first_name: "A", last_name: "B".repeat(101) }),
          "field_too_long: last_name",
        ],
        ["null", "invalid_body"],
        [`{"first_name": ${"[".repeat(5000)}${"]".repeat(5000)}}`, "invalid_body"],
      ])("answers %s with 400 %s and changes nothing", async (body, description) => {
        const { user, token } = await registerUser(server.url);
        const res = await request(url("edit/"), {
          method: "PUT",
          body,
          headers: { "content-type": "application/json", "x-otas-user-token": token },
        });
        expect([res.status, res.json]).toEqual([400, failure(description)]);
        const me = await request(url("authenticate/"), { headers: { "x-otas-user-token": token } });
        expect((me.json as { response_body: { user: unknown } }).response_body.user).toEqual(user);
      });
    });

    describe("PUT /api/user/v1/reset-password/update/", () => {
      it("switches the password; old tokens stay valid; updated_at advances", async () => {
        const { user, token, email, password } = await registerUser(server.url);
        const res = await request(url("reset-password/update/"), {
          method: "PUT",
          body: { password: "new-password" },
          headers: { "x-otas-user-token": token },
        });
        expect([res.status, res.json]).toEqual([
          200,
          { status: 1, status_description: "password_updated", response_body: null },
        ]);
        expect((await request(url("login/"), { body: { email, password } })).status).toBe(401);
        expect(
          (await request(url("login/"), { body: { email, password: "new-password" } })).status,
        ).toBe(200);
        const me = await request(url("authenticate/"), { headers: { "x-otas-user-token": token } });
        const after = (me.json as { response_body: { user: Record<string, string> } }).response_body
          .user;
        expect(`${after.updated_at}` > `${user.updated_at}`).toBe(true);
      });

      it.each([
        ["{}", "missing_password"],
        [JSON.stringify({ password: "" }), "missing_password"],
        [JSON.stringify({ Password: "another1" }), "missing_password"],
        [JSON.stringify({ password: "12345" }), "password_too_short"],
        [JSON.stringify({ password: 1234567 }), "invalid_field_type: password"],
        ["{bad", "invalid_json"],
        ["", "invalid_json"],
      ])("answers %s with 400 %s and keeps the old password", async (body, description) => {
        const { token, email, password } = await registerUser(server.url);
        const res = await request(url("reset-password/update/"), {
          method: "PUT",
          body,
          headers: { "content-type": "application/json", "x-otas-user-token": token },
        });
        expect([res.status, res.json]).toEqual([400, failure(description)]);
        expect((await request(url("login/"), { body: { email, password } })).status).toBe(200);
      });

      it("checks the token before the body", async () => {
        const res = await request(url("reset-password/update/"), {
          method: "PUT",
          body: "{}",
          headers: { "content-type": "application/json" },
        });
        expect([res.status, res.json]).toEqual([400, failure("missing_token")]);
        const bad = await request(url("reset-password/update/"), {
          method: "PUT",
          body: "{}",
          headers: { "content-type": "application/json", "x-otas-user-token": "Bearer x" },
        });
        expect([bad.status, bad.json]).toEqual([401, failure("invalid_token")]);
      });
    });

    it("runs the whole journey: create → authenticate → edit → password → old fails → new logs in → new token works", async () => {
      const email = uniqueEmail("journey");
      const { token, user } = await registerUser(server.url, { email, password: "first-password" });
      const auth = (t: string) =>
        request(url("authenticate/"), { headers: { "x-otas-user-token": t } });
      expect((await auth(token)).status).toBe(200);
      const edit = await request(url("edit/"), {
        method: "PUT",
        body: { first_name: "Jo", middle_name: "Q", last_name: "Public" },
        headers: { "x-otas-user-token": token },
      });
      expect(edit.status).toBe(200);
      const changed = await request(url("reset-password/update/"), {
        method: "PUT",
        body: { password: "second-password" },
        headers: { "x-otas-user-token": token },
      });
      expect(changed.status).toBe(200);
      expect(
        (await request(url("login/"), { body: { email, password: "first-password" } })).json,
      ).toEqual(LOGIN_FAILED);
      const login = await request(url("login/"), { body: { email, password: "second-password" } });
      const fresh = (
        login.json as { response: { jwt_token: string; user: Record<string, string> } }
      ).response;
      expect(fresh.user).toMatchObject({
        id: user.id,
        first_name: "Jo",
        middle_name: "Q",
        last_name: "Public",
      });
      const me = await auth(fresh.jwt_token);
      expect((me.json as { response_body: { user: unknown } }).response_body.user).toEqual(
        fresh.user,
      );
    });

    it("answers CORS preflight on every path with the token header and its method", async () => {
      const paths = [
        ["create/", "POST"],
        ["login/", "POST"],
        ["authenticate/", "POST"],
        ["edit/", "PUT"],
        ["reset-password/update/", "PUT"],
      ];
      for (const [path, method] of paths) {
        const res = await fetch(url(path ?? ""), {
          method: "OPTIONS",
          headers: {
            origin: "https://app.otas.example",
            "access-control-request-method": method ?? "",
            "access-control-request-headers": "x-otas-user-token,content-type",
          },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe("*");
        expect(res.headers.get("access-control-allow-methods")).toContain(method);
        expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
          "x-otas-user-token",
        );
      }
    });

    it("answers 405 for the wrong method on each protected path", async () => {
      expect((await request(url("edit/"), { method: "POST", body: {} })).status).toBe(405);
      expect((await request(url("reset-password/update/"), { method: "GET" })).status).toBe(405);
      expect((await request(url("login/"), { method: "PUT", body: {} })).status).toBe(405);
      expect((await request(url("authenticate"), { method: "GET" })).json).toEqual(
        failure("method_not_allowed"),
      );
    });
  },
);
