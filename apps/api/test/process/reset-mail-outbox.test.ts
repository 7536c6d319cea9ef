import { resetTokenDigest } from "@otas/core";
import { createTestDatabase, querySql, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { scrape, total } from "../support/prometheus.js";
import {
  type ReceivedMail,
  resetLinkIn,
  startSmtpServer,
  type TestSmtpServer,
} from "../support/smtp-server.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";
import { providers } from "../support/test-server.js";
import { registerUser, uniqueEmail } from "../support/users.js";

const SENT = { status: 1, status_description: "reset_link_sent", response_body: null };
const MAIL_FROM = "OTAS <no-reply@otas.example>";
/** The server refuses every message until told otherwise. */
const REFUSE_ALL = 1_000_000;

/** Waits until `check` answers true (or fails after `timeoutMs`). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the condition was not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const outboxRows = (url: string) =>
  querySql(
    url,
    "SELECT email, sealed_mail, token_digest, due_at, last_error FROM reset_mail_outbox",
  );

/** How many mails each address got. */
function mailsPerAddress(received: ReceivedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

async function askForLinks(server: ServerProcess, emails: string[]) {
  for (const email of emails) {
    const res = await request(`${server.url}/v1/user/reset-password/init/`, {
      body: { emailId: email },
    });
    expect([res.status, res.json]).toEqual([200, SENT]);
  }
}

describe.each(providers)("the reset mail outbox across a restart on %s", (provider) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.drop();
  });

  const env = () => ({
    SMTP_URL: smtp.url,
    MAIL_FROM,
    MAIL_POLL_MS: "50",
    MAIL_RETRY_DELAYS_MS: "200",
    SHUTDOWN_DRAIN_MS: "100",
    // Half of what is left after the drain goes to the mail being sent: ~4 s.
    SHUTDOWN_TIMEOUT_MS: "8000",
  });

  it("SMTP refusing, SIGTERM, start again, SMTP back: each mail is delivered exactly once", async () => {
    smtp.failNext(REFUSE_ALL);
    const first = await spawnServer(database.url, env());
    const emails: string[] = [];
    try {
      for (let i = 0; i < 10; i += 1) emails.push((await registerUser(first.url)).email);
      await askForLinks(first, [...emails, uniqueEmail("nobody")]);
      // Every mail was tried and refused at least once: all of them are stored, sealed.
      await until(async () => {
        const rows = await outboxRows(database.url);
        return rows.length === 10 && rows.every((row) => row.last_error !== null);
      });
    } finally {
      expect(await first.stop("SIGTERM")).toBe(0);
    }
    const retries = first.logs.filter((line) => line.msg === "mail not sent: will retry");
    expect(retries.length).toBeGreaterThanOrEqual(10);
    expect(smtp.received).toEqual([]);
    const stored = await outboxRows(database.url);
    expect(stored.map((row) => row.email).sort()).toEqual([...emails].sort());

    smtp.failNext(0);
    const second = await spawnServer(database.url, env());
    try {
      await until(() => smtp.received.length >= 10);
      // Several more polls and retry delays: nothing is sent again.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(Object.fromEntries(mailsPerAddress(smtp.received))).toEqual(
        Object.fromEntries(emails.map((email) => [email, 1])),
      );
      expect(await outboxRows(database.url)).toEqual([]);
      // Each mail carries the link stored before the restart: its token is the account's.
      const digests = await querySql(
        database.url,
        "SELECT token_digest FROM password_reset_tokens",
      );
      const mailed = smtp.received.map((mail) => resetTokenDigest(resetLinkIn(mail).token));
      expect(mailed.sort()).toEqual(digests.map((row) => String(row.token_digest)).sort());
      expect(new Set(mailed)).toEqual(new Set(stored.map((row) => String(row.token_digest))));
      const { emailId, token } = resetLinkIn(smtp.received[0] as ReceivedMail);
      const reset = await request(`${second.url}/v1/user/reset-password/reset/`, {
        body: { emailId, token, password: "after-restart" },
      });
      expect(reset.status).toBe(200);
      const logs = JSON.stringify([...first.logs, ...second.logs]);
      for (const mail of smtp.received) expect(logs).not.toContain(resetLinkIn(mail).token);
    } finally {
      await second.stop();
      smtp.received.length = 0;
    }
  });

  it("SMTP hanging, SIGTERM: exits 0 (within its deadline); the mail being sent waits out its claim, the rest go after the restart", async () => {
    const hanging = await startSmtpServer();
    hanging.delayAcceptMs = 60_000;
    const first = await spawnServer(database.url, { ...env(), SMTP_URL: hanging.url });
    const emails: string[] = [];
    let stopped = Date.now();
    try {
      for (let i = 0; i < 5; i += 1) emails.push((await registerUser(first.url)).email);
      await askForLinks(first, emails);
      // One mail is with the silent server; the others wait their turn in the outbox.
      await until(async () =>
        (await outboxRows(database.url)).some((row) => row.sealed_mail !== null),
      );
      stopped = Date.now();
    } finally {
      // Past SHUTDOWN_TIMEOUT_MS the process would exit 1: 0 says it did not wait for the
      // silent server beyond its deadline.
      const code = await first.stop("SIGTERM");
      expect(code, JSON.stringify(first.logs.slice(-6))).toBe(0);
      void hanging.close();
    }

    const second = await spawnServer(database.url, env());
    try {
      // A mail is deleted from the outbox just after the SMTP server took it: wait for both.
      await until(
        async () => smtp.received.length >= 4 && (await outboxRows(database.url)).length <= 1,
      );
      const rows = await outboxRows(database.url);
      // The one that was being sent is kept, claimed until its claim lapses, then sent again.
      expect(
        rows,
        JSON.stringify({ rows, sent: smtp.received.map((mail) => mail.to) }),
      ).toHaveLength(1);
      const due = new Date(String(rows[0]?.due_at)).getTime();
      expect(due).toBeGreaterThan(Date.now());
      expect(due).toBeLessThanOrEqual(stopped + 120_000);
      const counts = mailsPerAddress(smtp.received);
      expect([...counts.values()]).toEqual([1, 1, 1, 1]);
      expect(emails.filter((email) => !counts.has(email))).toEqual([rows[0]?.email]);
    } finally {
      await second.stop();
      smtp.received.length = 0;
    }
  });
});

describe("reset mails from several processes on one database", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("shows the outbox's depth once for all workers, its failures, and the oldest entry's age", async () => {
    const database = await createTestDatabase("sqlite");
    smtp.failNext(REFUSE_ALL);
    const server = await spawnServer(database.url, {
      WEB_CONCURRENCY: "2",
      SMTP_URL: smtp.url,
      MAIL_FROM,
      MAIL_POLL_MS: "50",
      MAIL_RETRY_DELAYS_MS: "600000",
      METRICS_PORT: "0",
    });
    try {
      const emails = [];
      for (let i = 0; i < 3; i += 1) emails.push((await registerUser(server.url)).email);
      await askForLinks(server, [...emails, uniqueEmail("nobody")]);
      await until(async () => {
        const rows = await outboxRows(database.url);
        return rows.length === 3 && rows.every((row) => row.last_error !== null);
      });
      const samples = await scrape(server.metricsUrl ?? "");
      expect(total(samples, "otas_reset_mail_outbox_depth", { stage: "mail" })).toBe(3);
      expect(total(samples, "otas_reset_mail_outbox_depth", { stage: "request" })).toBe(0);
      expect(total(samples, "otas_reset_mail_send_failures_total")).toBe(3);
      expect(total(samples, "otas_reset_mails_sent_total")).toBe(0);
      expect(total(samples, "otas_reset_mail_outbox_oldest_seconds")).toBeGreaterThan(0);
    } finally {
      await server.stop();
      await database.drop();
      smtp.failNext(0);
    }
  });

  const setups = [
    { provider: "sqlite", servers: 1 },
    { provider: "postgresql", servers: 2 },
  ] as const;

  it.each(setups)(
    "on $provider, $servers server(s) of 2 workers never send one mail twice",
    async ({ provider, servers: count }) => {
      const database = await createTestDatabase(provider);
      const servers: ServerProcess[] = [];
      try {
        for (let i = 0; i < count; i += 1) {
          servers.push(
            await spawnServer(database.url, {
              WEB_CONCURRENCY: "2",
              SMTP_URL: smtp.url,
              MAIL_FROM,
              // Four pollers racing for every entry, and refused sends retried at once.
              MAIL_POLL_MS: "20",
              MAIL_RETRY_DELAYS_MS: "0",
              METRICS_PORT: "0",
            }),
          );
        }
        const emails: string[] = [];
        for (let i = 0; i < 30; i += 1) {
          const server = servers[i % servers.length] as ServerProcess;
          emails.push((await registerUser(server.url)).email);
        }
        smtp.failNext(20);
        await Promise.all(
          servers.map((server, index) =>
            askForLinks(
              server,
              emails.filter((_, i) => i % servers.length === index),
            ),
          ),
        );
        await until(() => emails.every((email) => mailsPerAddress(smtp.received).has(email)));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const counts = mailsPerAddress(smtp.received);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect(counts.size).toBe(30);
        // More than one process sent them: the claims were really contended.
        const senders = new Set(
          servers.flatMap((server) =>
            server.logs
              .filter((line) => line.msg === "password reset mail sent")
              .map((line) => line.pid),
          ),
        );
        expect(senders.size).toBeGreaterThan(1);
        const failures = await Promise.all(
          servers.map(async (server) =>
            total(await scrape(server.metricsUrl ?? ""), "otas_reset_mail_send_failures_total"),
          ),
        );
        expect(failures.reduce((sum, n) => sum + n, 0)).toBe(20);
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
        await database.drop();
        smtp.received.length = 0;
      }
    },
    120_000,
  );
});

describe("the answer to a reset request on the production command", () => {
  it("leaves the look-up, the token and the mail to the poller: nothing of it before a poll", async () => {
    const database = await createTestDatabase("sqlite");
    const smtp = await startSmtpServer();
    // A poll comes 30 to 90 s after start-up: long after what is checked here.
    const server = await spawnServer(database.url, {
      SMTP_URL: smtp.url,
      MAIL_FROM,
      MAIL_POLL_MS: "60000",
    });
    try {
      const { email, user } = await registerUser(server.url);
      await askForLinks(server, [email, uniqueEmail("nobody")]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(
        await querySql(
          database.url,
          `SELECT user_id FROM password_reset_tokens WHERE user_id = '${user.id}'`,
        ),
      ).toEqual([]);
      expect(smtp.received).toEqual([]);
      // Known and unknown alike: one stored request, not looked up yet.
      const rows = await outboxRows(database.url);
      expect(rows.map((row) => [row.sealed_mail, row.token_digest])).toEqual([
        [null, null],
        [null, null],
      ]);
      expect(server.logs.map((line) => line.msg)).not.toContain(
        "password reset asked for an address without an account: no mail",
      );
    } finally {
      await server.stop();
      await smtp.close();
      await database.drop();
    }
  });
});
