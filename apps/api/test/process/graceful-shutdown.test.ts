import { openDatabase } from "@otas/core";
import { createTestDatabase, querySql, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream } from "../support/create-stream.js";
import { request } from "../support/http.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { spawnServer } from "../support/spawn-server.js";
import { providers } from "../support/test-server.js";
import { registerUser } from "../support/users.js";

const setups = providers.flatMap((provider) => [1, 2].map((workers) => ({ provider, workers })));

describe.each(setups)(
  "graceful shutdown on $provider, WEB_CONCURRENCY=$workers",
  ({ provider, workers }) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(provider);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("answers every request sent before SIGTERM, stores every 200, and exits 0", async () => {
      const server = await spawnServer(database.url, {
        WEB_CONCURRENCY: String(workers),
        SHUTDOWN_DRAIN_MS: "500",
        SHUTDOWN_TIMEOUT_MS: "5000",
      });
      const stream = startCreateStream(server.url);
      await stream.succeeded(30);

      // From here no new request is sent: everything in `sent` went out before the signal.
      const stopping = stream.stop();
      server.child.kill("SIGTERM");
      await stopping;
      // Still draining: a load balancer's health check now sees 503 and stops routing here.
      const health = await fetch(`${server.url}/healthz`);
      expect([health.status, health.headers.get("connection")]).toEqual([503, "close"]);
      const exitCode = await server.exited;

      expect(exitCode).toBe(0);
      const unanswered = stream.sent.filter((item) => item.status === undefined);
      expect(unanswered).toEqual([]);
      const created = stream.sent.filter((item) => item.status === 200);
      expect(created.length).toBeGreaterThanOrEqual(30);
      expect(stream.sent.every((item) => item.status === 200 || item.status === 503)).toBe(true);

      const db = await openDatabase(database.url);
      try {
        const rows = await (await db.prisma()).user.findMany({ select: { id: true, email: true } });
        const stored = new Map(rows.map((row) => [row.email, row.id]));
        for (const item of created) expect(stored.get(item.email)).toBe(item.userId);
      } finally {
        await db.close();
      }
      // Every serving process drained, the primary (when there is one) saw them all exit 0.
      const drained = server.logs.filter(
        (line) => line.msg === "shutting down: finishing in-flight requests",
      );
      expect(drained).toHaveLength(workers);
      if (workers > 1) {
        expect(new Set(drained.map((line) => line.worker)).size).toBe(workers);
        expect(server.logs.some((line) => line.msg === "every worker shut down cleanly")).toBe(
          true,
        );
      }
    });
  },
);

describe("graceful shutdown while a password-reset mail is being sent", () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.drop();
  });

  it("finishes the send under way, deletes the mail from the outbox, and exits 0", async () => {
    // The mail server takes its time: the process must wait for it, not leave the mail half-sent.
    smtp.delayAcceptMs = 1500;
    const server = await spawnServer(database.url, {
      SMTP_URL: smtp.url,
      MAIL_FROM: "OTAS <no-reply@otas.example>",
      MAIL_POLL_MS: "50",
      SHUTDOWN_DRAIN_MS: "100",
      SHUTDOWN_TIMEOUT_MS: "10000",
    });
    const { email } = await registerUser(server.url);
    const res = await request(`${server.url}/v1/user/reset-password/init/`, {
      body: { emailId: email },
    });
    expect(res.status).toBe(200);
    // The poller has claimed it and stored the mail: the send is under way.
    const sending = async () =>
      (await querySql(database.url, "SELECT sealed_mail FROM reset_mail_outbox"))[0]?.sealed_mail;
    while (!(await sending())) await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill("SIGTERM");

    expect(await server.exited).toBe(0);
    expect(smtp.received.map((mail) => mail.to)).toEqual([[email]]);
    expect(await querySql(database.url, "SELECT id FROM reset_mail_outbox")).toEqual([]);
    const sent = server.logs.findIndex((line) => line.msg === "password reset mail sent");
    const stopping = server.logs.findIndex(
      (line) => line.msg === "shutting down: finishing in-flight requests",
    );
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(sent).toBeGreaterThan(stopping);
  });
});
