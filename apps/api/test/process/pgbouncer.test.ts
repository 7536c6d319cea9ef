import {
  createTestDatabase,
  type PgBouncer,
  querySql,
  startPgBouncer,
  type TestDatabase,
} from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonResponse, request } from "../support/http.js";
import { resetLinkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { type ServerProcess, spawnServer, workersThatAnswered } from "../support/spawn-server.js";
import { uniqueEmail } from "../support/users.js";

const USERS = 12;

/**
 * Debian's PgBouncer (1.18, no prepared-statement support) in transaction mode with 2 server
 * connections, under two workers holding 5 client connections each: every worker's
 * transactions keep changing server connection, which named prepared statements would not survive.
 */
describe("the server behind PgBouncer in transaction mode (DATABASE_POOLER=transaction)", () => {
  let database: TestDatabase;
  let bouncer: PgBouncer;
  let smtp: TestSmtpServer;
  let server: ServerProcess;
  beforeAll(async () => {
    // Empty: the server migrates it at start, on DIRECT_DATABASE_URL.
    database = await createTestDatabase("postgresql", { migrate: false });
    bouncer = await startPgBouncer({ poolMode: "transaction", poolSize: 2 });
    smtp = await startSmtpServer();
    server = await spawnServer(bouncer.through(database.url), {
      DATABASE_POOLER: "transaction",
      DIRECT_DATABASE_URL: database.url,
      WEB_CONCURRENCY: "2",
      RATE_LIMIT_STORE: "postgres",
      RATE_LIMIT_ACCOUNT_MAX: "1000",
      SMTP_URL: smtp.url,
      MAIL_FROM: "OTAS <no-reply@otas.example>",
      MAIL_POLL_MS: "50",
      SESSION_SWEEP_INTERVAL_MS: "1000",
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    await bouncer?.stop();
    await database?.drop();
  });

  const call = (path: string, body?: unknown, token?: string, method = "POST") =>
    request(`${server.url}${path}`, {
      method,
      ...(body === undefined ? {} : { body }),
      ...(token === undefined ? {} : { headers: { "x-otas-user-token": token } }),
    });
  const expectAnswer = (res: JsonResponse, status: number, description: string) =>
    expect([res.status, (res.json as { status_description?: string }).status_description]).toEqual([
      status,
      description,
    ]);
  const login = async (email: string, password: string) => {
    const res = await call("/api/user/v1/login/", { email, password });
    expectAnswer(res, 200, "login_success");
    return (res.json as { response: { jwt_token: string } }).response.jwt_token;
  };

  /** Every flow of one account, in order; returns the request ids of its authenticates. */
  async function lifeOfAnAccount(i: number): Promise<string[]> {
    const email = uniqueEmail(`pooled${i}`);
    const created = await call("/api/user/v1/create/", {
      first_name: "Ada",
      last_name: "Lovelace",
      email,
      password: "first-password",
    });
    expectAnswer(created, 200, "user_created");
    const first = (created.json as { response_body: { jwt_token: string } }).response_body
      .jwt_token;
    const second = await login(email, "first-password");
    const auth = await call("/api/user/v1/authenticate/", undefined, first);
    expectAnswer(auth, 200, "user_authenticated");
    const edit = await call(
      "/api/user/v1/edit/",
      { first_name: "Grace", middle_name: "B", last_name: "Hopper" },
      first,
      "PUT",
    );
    expectAnswer(edit, 200, "user_profile_updated");
    expect(
      (edit.json as { response_body: { user: { first_name: string } } }).response_body.user,
    ).toMatchObject({ first_name: "Grace", last_name: "Hopper" });
    const update = await call(
      "/api/user/v1/reset-password/update/",
      { password: "second-password" },
      first,
      "PUT",
    );
    expectAnswer(update, 200, "password_updated");
    // The other session ended; the old password no longer logs in.
    expectAnswer(await call("/api/user/v1/authenticate/", undefined, second), 401, "invalid_token");
    expectAnswer(
      await call("/api/user/v1/login/", { email, password: "first-password" }),
      401,
      "login_failed",
    );
    const third = await login(email, "second-password");
    expectAnswer(
      await call("/api/user/v1/reset-password/init/", { emailId: email }),
      200,
      "reset_link_sent",
    );
    const { token } = resetLinkIn(await smtp.nextMailTo(email, 30_000));
    expectAnswer(
      await call("/api/user/v1/reset-password/reset/", {
        emailId: email,
        token,
        password: "third-password",
      }),
      200,
      "password_reset",
    );
    expectAnswer(await call("/api/user/v1/authenticate/", undefined, third), 401, "invalid_token");
    const fourth = await login(email, "third-password");
    const ids: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const res = await call("/api/user/v1/authenticate/", undefined, fourth);
      expectAnswer(res, 200, "user_authenticated");
      ids.push(res.headers.get("x-request-id") ?? "");
    }
    expectAnswer(await call("/api/user/v1/logout/", undefined, fourth), 200, "logged_out");
    expectAnswer(await call("/api/user/v1/authenticate/", undefined, fourth), 401, "invalid_token");
    const fifth = await login(email, "third-password");
    const sixth = await login(email, "third-password");
    expectAnswer(
      await call("/api/user/v1/logout-all/", undefined, fifth),
      200,
      "logged_out_everywhere",
    );
    expectAnswer(await call("/api/user/v1/authenticate/", undefined, sixth), 401, "invalid_token");
    return ids;
  }

  it(`runs every flow of ${USERS} accounts at once, on both workers, without an error`, async () => {
    const ids = (
      await Promise.all(Array.from({ length: USERS }, (_, i) => lifeOfAnAccount(i)))
    ).flat();
    const workers = await workersThatAnswered(server, ids);
    expect(new Set(workers.map((line) => line.worker))).toEqual(new Set([1, 2]));
    // Nothing went wrong behind the answers either (a failed statement is logged as an error).
    expect(server.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    // Migrated at start on the direct URL; rate limits counted in PostgreSQL through PgBouncer.
    const migrations = await querySql(database.url, 'SELECT 1 FROM "_prisma_migrations"');
    expect(migrations.length).toBeGreaterThan(0);
    expect((await querySql(database.url, "SELECT 1 FROM rate_limit_hits")).length).toBeGreaterThan(
      0,
    );
  }, 120_000);

  it("lets exactly one of simultaneous sign-ups with one email through", async () => {
    const email = uniqueEmail("race");
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call("/api/user/v1/create/", {
          first_name: "A",
          last_name: "B",
          email,
          password: "race-password",
        }),
      ),
    );
    const descriptions = answers.map(
      (res) => (res.json as { status_description: string }).status_description,
    );
    expect(descriptions.sort()).toEqual([
      ...Array.from({ length: 7 }, () => "user_already_exists"),
      "user_created",
    ]);
  });

  it("refuses to start migrating through the pooler, naming DIRECT_DATABASE_URL", async () => {
    await expect(
      spawnServer(bouncer.through(database.url), { DATABASE_POOLER: "transaction" }),
    ).rejects.toThrow(/DIRECT_DATABASE_URL: required to migrate with DATABASE_POOLER=transaction/);
  });
});
