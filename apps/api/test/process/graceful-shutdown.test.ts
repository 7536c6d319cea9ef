import { connect } from "node:net";
import { openDatabase } from "@otas/core";
import { createTestDatabase, querySql, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream } from "../support/create-stream.js";
import { failure, request } from "../support/http.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { spawnServer, waitForLog } from "../support/spawn-server.js";
import { providers } from "../support/test-server.js";
import { registerUser, uniqueEmail } from "../support/users.js";

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

/** A raw HTTP/1.1 answer: status, lower-case headers, body. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request sent in two parts on its own connection: its first header line now, the rest when
 * `finish` is called; resolves with the answer once the server closes the connection.
 */
function splitRequest(url: string, method: string, path: string, body: string) {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  let text = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => {
    text += chunk;
  });
  socket.on("error", () => {});
  const answered = new Promise<RawAnswer>((resolve) =>
    socket.once("close", () => {
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    }),
  );
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\n`);
  return {
    answered,
    finish: () =>
      socket.write(
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
  };
}

describe("a request that finishes arriving during shutdown", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("is not run, and gets 503 service_unavailable in the caller's shape", async () => {
    const server = await spawnServer(database.url, {
      SHUTDOWN_DRAIN_MS: "200",
      SHUTDOWN_TIMEOUT_MS: "5000",
    });
    const email = uniqueEmail("late");
    const create = JSON.stringify({ first_name: "L", last_name: "T", email, password: "secret1" });
    const legacy = splitRequest(server.url, "POST", "/api/user/v1/create/", create);
    const trpc = splitRequest(server.url, "POST", "/trpc/user.create", create);
    server.child.kill("SIGTERM");
    await waitForLog(server, (line) => line.msg === "drained: closing the connections left");
    legacy.finish();
    trpc.finish();

    const [legacyAnswer, trpcAnswer] = await Promise.all([legacy.answered, trpc.answered]);
    expect([legacyAnswer.status, JSON.parse(legacyAnswer.body)]).toEqual([
      503,
      failure("service_unavailable"),
    ]);
    expect(trpcAnswer.status).toBe(503);
    expect(JSON.parse(trpcAnswer.body)).toMatchObject({
      error: {
        data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, otasCode: "service_unavailable" },
      },
    });
    for (const answer of [legacyAnswer, trpcAnswer]) {
      expect(answer.headers).toMatchObject({
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        connection: "close",
      });
      expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await server.exited).toBe(0);
    const db = await openDatabase(database.url);
    try {
      expect(await (await db.prisma()).user.count({ where: { email } })).toBe(0);
    } finally {
      await db.close();
    }
  });
});
