import { randomBytes } from "node:crypto";
import { instantParam, resetTokenDigest, sql } from "@otas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "./support/http.js";
import {
  resetLinkIn,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from "./support/smtp-server.js";
import {
  providers,
  startTestServer,
  TEST_APP_URL,
  type TestServer,
} from "./support/test-server.js";
import { registerUser, uniqueEmail } from "./support/users.js";

const SENT = { status: 1, status_description: "reset_link_sent", response_body: null };
const RESET = { status: 1, status_description: "password_reset", response_body: null };
const INVALID = failure("invalid_or_expired_token");
const MAIL_FROM = "OTAS <no-reply@otas.example>";

describe.each(providers)("password recovery by email over REST on %s", (provider) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer(provider, {
      env: { SMTP_URL: smtp.url, MAIL_FROM },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(`${server.url}${path}`, { body, headers });
  /** Asks for a link as the web frontend does, and takes it out of the mail that arrives. */
  const mailedLink = async (email: string) => {
    const before = smtp.received.length;
    const res = await post("/v1/user/reset-password/init/", { emailId: email });
    expect([res.status, res.json]).toEqual([200, SENT]);
    const mail = await smtp.nextMailTo(email.toLowerCase());
    expect(smtp.received.indexOf(mail)).toBeGreaterThanOrEqual(before);
    smtp.received.splice(smtp.received.indexOf(mail), 1);
    return { mail, ...resetLinkIn(mail) };
  };

  it("mails a link to the web app's reset page, and the link resets the password", async () => {
    // Registered and asked for in mixed case: the account's (lowercase) address gets the mail.
    const { email: given, user } = await registerUser(server.url, {
      email: uniqueEmail("Recover"),
    });
    const email = given.toLowerCase();
    const { mail, link, token, emailId } = await mailedLink(given);
    expect(mail.parsed.from?.text).toBe('"OTAS" <no-reply@otas.example>');
    expect(mail.parsed.subject).toBe("Reset your OTAS password");
    expect(mail.authenticatedAs).toBe(SMTP_USER);
    expect(link).toBe(
      `${TEST_APP_URL}/reset-password?token=${token}&emailId=${encodeURIComponent(email)}`,
    );
    expect(mail.parsed.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
    expect(emailId).toBe(email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const reset = await post("/v1/user/reset-password/reset/", {
      emailId,
      token,
      password: "recovered-1",
    });
    expect([reset.status, reset.json]).toEqual([200, RESET]);
    const login = await post("/api/user/v1/login/", { email, password: "recovered-1" });
    expect(login.status).toBe(200);
    expect((login.json as { response: { user: { id: string } } }).response.user.id).toBe(user.id);
    const old = await post("/api/user/v1/login/", { email, password: "secret1" });
    expect(old.status).toBe(401);
    const logs = server.logs.join("\n");
    for (const secret of [token, link, encodeURIComponent(token)])
      expect(logs).not.toContain(secret);
    expect(logs).toContain('"msg":"password reset mail sent"');
  });

  it("answers an unknown email exactly as a known one, and mails nothing", async () => {
    const unknown = uniqueEmail("nobody");
    const res = await post("/api/user/v1/reset-password/init/", { emailId: unknown });
    expect([res.status, res.json]).toEqual([200, SENT]);
    // A known address asked afterwards gets its mail; by then the unknown one was looked up.
    const { email } = await registerUser(server.url);
    await mailedLink(email);
    expect(smtp.received.filter((mail) => mail.to.includes(unknown))).toEqual([]);
    const reqId = res.headers.get("x-request-id");
    expect(
      server.logs.some((line) => line.includes(reqId ?? "?") && line.includes("no mail")),
    ).toBe(true);
  });

  it("mails one mailbox only: an email that is a list or wraps an address gets no mail", async () => {
    const tag = `${process.pid}.${Date.now()}`;
    const relays = [
      `victim1.${tag}@ex.io,victim2.${tag}@ex.io`,
      `victim3.${tag}@ex.io;victim4.${tag}@ex.io`,
      `n1 <victim5.${tag}@example.com>`,
      `"victim6.${tag}"@example.com`,
    ];
    const answers = [];
    for (const email of relays) {
      await registerUser(server.url, { email });
      const res = await post("/api/user/v1/reset-password/init/", { emailId: email });
      expect([res.status, res.json]).toEqual([200, SENT]);
      answers.push(res.headers.get("x-request-id") ?? "?");
    }
    // A plain account asked afterwards gets its mail; by then the others were handled.
    const { email } = await registerUser(server.url);
    const { mail } = await mailedLink(email);
    expect(mail.to).toEqual([email]);
    expect(mail.parsed.to).toMatchObject({ value: [{ address: email, name: "" }] });
    expect(smtp.received.flatMap((received) => received.to).join()).not.toContain(tag);
    for (const reqId of answers) {
      const line = server.logs.find((text) => text.includes(reqId) && text.includes("no mail"));
      expect(line).toContain("not one plain address");
    }
    const tokens = await server.database.sql.query<{ n: number }>(
      sql`SELECT count(*) AS n FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
        WHERE u.email LIKE ${`%${tag}%`}`,
    );
    expect(Number(tokens[0]?.n)).toBe(0);
  });

  it("refuses a used, an expired, a forged, an older and another account's token", async () => {
    const ada = await registerUser(server.url);
    const grace = await registerUser(server.url);
    const reset = (emailId: string, token: string) =>
      post("/api/user/v1/reset-password/reset/", { emailId, token, password: "new-secret" });

    const used = await mailedLink(ada.email);
    expect((await reset(ada.email, used.token)).status).toBe(200);
    expect([(await reset(ada.email, used.token)).json]).toEqual([INVALID]);

    const forged = randomBytes(32).toString("base64url");
    expect((await reset(ada.email, forged)).json).toEqual(INVALID);

    const older = await mailedLink(ada.email);
    const newer = await mailedLink(ada.email);
    expect((await reset(ada.email, older.token)).json).toEqual(INVALID);

    const graces = await mailedLink(grace.email);
    expect((await reset(ada.email, graces.token)).json).toEqual(INVALID);

    const past = instantParam(server.database.sql, new Date(Date.now() - 1000));
    await server.database.sql.execute(
      sql`UPDATE password_reset_tokens SET expires_at = ${past}
        WHERE token_digest = ${resetTokenDigest(newer.token)}`,
    );
    const expired = await reset(ada.email, newer.token);
    expect([expired.status, expired.json]).toEqual([400, INVALID]);
    // Grace's token still works for Grace.
    expect((await reset(grace.email, graces.token)).status).toBe(200);
  });

  it("voids an outstanding token when the password changes by another route", async () => {
    const { email, token: session } = await registerUser(server.url);
    const reset = (token: string) =>
      post("/v1/user/reset-password/reset/", { emailId: email, token, password: "new-secret" });
    // The account page's password update...
    const first = await mailedLink(email);
    const update = await request(`${server.url}/v1/user/reset-password/update/`, {
      method: "PUT",
      body: { password: "changed-1" },
      headers: { USER_TOKEN: session },
    });
    expect(update.status).toBe(200);
    expect((await reset(first.token)).json).toEqual(INVALID);
    // ...or another OTAS part writing `users` itself.
    const second = await mailedLink(email);
    await server.database.sql.execute(
      sql`UPDATE users SET password = ${"pbkdf2_sha256$720000$salt$written-elsewhere"}
        WHERE email = ${email}`,
    );
    expect((await reset(second.token)).json).toEqual(INVALID);
  });

  it("stores digests of the tokens, never the mailed tokens", async () => {
    const { email, user } = await registerUser(server.url);
    const { token } = await mailedLink(email);
    const rows = await server.database.sql.query<{ token_digest: string }>(
      sql`SELECT * FROM password_reset_tokens WHERE user_id = ${user.id ?? ""}`,
    );
    expect(rows.map((row) => row.token_digest)).toEqual([resetTokenDigest(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("ends the sessions from before the reset; new ones work", async () => {
    const { email, token: before } = await registerUser(server.url);
    const link = await mailedLink(email);
    const auth = (token: string) =>
      post("/api/user/v1/authenticate/", "", { "x-otas-user-token": token });
    expect((await auth(before)).status).toBe(200);
    await post("/v1/user/reset-password/reset/", {
      emailId: link.emailId,
      token: link.token,
      password: "after-reset",
    });
    const refused = await auth(before);
    expect([refused.status, refused.json]).toEqual([401, failure("invalid_token")]);
    // Right after the reset, in the same second or not, a new session works.
    const login = await post("/api/user/v1/login/", { email, password: "after-reset" });
    const fresh = (login.json as { response: { jwt_token: string } }).response.jwt_token;
    expect((await auth(fresh)).status).toBe(200);
  });

  it("checks the reset body in the contract's order", async () => {
    const path = "/api/user/v1/reset-password/reset/";
    expect((await post(path, {})).json).toEqual(
      failure("missing_fields: emailId, token, password"),
    );
    expect((await post(path, { emailId: "a@b.c", token: "t" })).json).toEqual(
      failure("missing_fields: password"),
    );
    const short = await post(path, { emailId: "a@b.c", token: "t", password: "12345" });
    expect([short.status, short.json]).toEqual([400, failure("password_too_short")]);
    expect((await post(path, "{oops")).json).toEqual(failure("invalid_json"));
    const init = await post("/api/user/v1/reset-password/init/", {});
    expect([init.status, init.json]).toEqual([400, failure("missing_fields: emailId")]);
    const alias = await post("/v1/user/reset-password/init/", { email: "no-at-sign" });
    expect([alias.status, alias.json]).toEqual([400, failure("invalid_email_format")]);
  });
});

describe("password-reset mail: retries and limits", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer("sqlite", {
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM,
        RATE_LIMIT_MAX: 5,
        RATE_LIMIT_RESET_MAIL_MAX: 2,
        TRUST_PROXY: ["127.0.0.1"],
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const init = (emailId: string, from: string) =>
    request(`${server.url}/v1/user/reset-password/init/`, {
      body: { emailId },
      headers: { "x-forwarded-for": from },
    });

  it("retries a send the server refused, and logs each failure", async () => {
    const { email } = await registerUser(server.url);
    smtp.failNext(2);
    expect((await init(email, "203.0.113.1")).status).toBe(200);
    const mail = await smtp.nextMailTo(email);
    expect(resetLinkIn(mail).token).toHaveLength(43);
    const retries = server.logs.filter((line) => line.includes("mail not sent: will retry"));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('"responseCode":451');
  });

  it("limits the mails to one address from any number of clients, known or not", async () => {
    for (const email of [uniqueEmail("flood"), (await registerUser(server.url)).email]) {
      expect((await init(email, "203.0.113.10")).status).toBe(200);
      expect((await init(email, "203.0.113.11")).status).toBe(200);
      const refused = await init(email, "203.0.113.12");
      expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    }
  });

  it("counts one mailbox once, however its domain is spelled", async () => {
    const local = `idn.${process.pid}.${Date.now()}`;
    expect((await init(`${local}@bücher.example`, "203.0.113.30")).status).toBe(200);
    expect((await init(`${local}@XN--BCHER-KVA.example`, "203.0.113.31")).status).toBe(200);
    const refused = await init(`${local}@xn--bcher-kva.example`, "203.0.113.32");
    expect([refused.status, refused.json]).toEqual([429, failure("rate_limited")]);
  });

  it("limits the requests of one client address", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await init(uniqueEmail("many"), "203.0.113.20")).status).toBe(200);
    }
    expect((await init(uniqueEmail("many"), "203.0.113.20")).status).toBe(429);
  });
});
