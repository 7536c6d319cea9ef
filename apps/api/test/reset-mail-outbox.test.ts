import { instantParam, sql } from "@otas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceMetrics, type ServiceMetrics } from "../src/metrics/service-metrics.js";
import { request } from "./support/http.js";
import { parsePrometheus, total } from "./support/prometheus.js";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp-server.js";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

const REFUSE_ALL = 1_000_000;

describe.each(providers)("the reset mail outbox on %s", (provider) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let metrics: ServiceMetrics;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    metrics = createServiceMetrics();
    server = await startTestServer(provider, {
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: "OTAS <no-reply@otas.example>",
        MAIL_RETRY_DELAYS_MS: [100],
      },
      metrics,
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const read = async () => parsePrometheus(await metrics.registry.metrics());
  const rows = () =>
    server.database.sql.query<Record<string, unknown>>(sql`SELECT * FROM reset_mail_outbox`);
  const until = async (check: () => Promise<boolean>) => {
    for (let tries = 0; !(await check()); tries += 1) {
      if (tries > 200) throw new Error("the condition was not met in time");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("keeps a refused mail sealed, then drops it once its link expired, with an error line", async () => {
    const { email } = await registerUser(server.url);
    smtp.failNext(REFUSE_ALL);
    const res = await request(`${server.url}/v1/user/reset-password/init/`, {
      body: { emailId: email },
    });
    const reqId = res.headers.get("x-request-id");
    await until(async () => (await rows()).some((row) => row.last_error !== null));
    const [row] = await rows();
    // What a copy of the database shows of the waiting mail: the address, no link.
    expect(row).toMatchObject({ email, sealed_mail: expect.stringMatching(/^v1\.[\w-]+$/) });
    expect(JSON.stringify(row)).not.toMatch(/reset-password|token=|localhost:5173/);
    let samples = await read();
    expect(total(samples, "otas_reset_mail_outbox_depth", { stage: "mail" })).toBe(1);
    expect(total(samples, "otas_reset_mail_send_failures_total")).toBeGreaterThanOrEqual(1);

    const past = instantParam(server.database.sql, new Date(Date.now() - 1000));
    await server.database.sql.execute(sql`UPDATE reset_mail_outbox SET expires_at = ${past}`);
    smtp.failNext(0);
    await until(async () =>
      server.logs.some((line) => line.includes("its link expired before it could be sent")),
    );
    const dropped = server.logs.find((line) => line.includes("its link expired"));
    expect(JSON.parse(dropped ?? "{}")).toMatchObject({ level: 50, reqId });
    expect(await rows()).toEqual([]);
    expect(smtp.received).toEqual([]);
    samples = await read();
    expect(total(samples, "otas_reset_mails_dropped_total", { reason: "expired" })).toBe(1);
    expect(total(samples, "otas_reset_mail_outbox_depth")).toBe(0);
    expect(total(samples, "otas_reset_mail_outbox_oldest_seconds")).toBe(0);
  });

  it("sends a mail, counting it, and then holds nothing of it", async () => {
    const { email } = await registerUser(server.url);
    const before = total(await read(), "otas_reset_mails_sent_total");
    await request(`${server.url}/v1/user/reset-password/init/`, { body: { emailId: email } });
    await smtp.nextMailTo(email);
    await until(async () => (await rows()).length === 0);
    expect(total(await read(), "otas_reset_mails_sent_total")).toBe(before + 1);
  });
});
