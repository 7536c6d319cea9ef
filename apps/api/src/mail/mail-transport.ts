import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SendMailOptions, Transporter } from "nodemailer";

/** Where messages go: an SMTP server, or `.eml` files in an outbox folder. */
export interface MailTransport {
  /** Where messages go, for the start-up log: never credentials. */
  readonly description: string;
  /** Sends one message; resolves with where it went (a message id, and the file in the outbox). */
  send(message: SendMailOptions): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

/**
 * A nodemailer transporter made on first use: nodemailer is loaded only by a process that
 * sends mail (it is a few MB of heap, and most processes never send any).
 */
function lazyTransporter(options: Parameters<typeof import("nodemailer").createTransport>[0]) {
  let created: Promise<Transporter> | undefined;
  return {
    get: () => {
      created ??= import("nodemailer").then(({ createTransport }) => createTransport(options));
      return created;
    },
    close: () => {
      void created?.then((transporter) => transporter.close());
    },
  };
}

/** Connection limits, so an unreachable or silent server fails a send instead of hanging it. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * SMTP through nodemailer, from an `smtp://` (STARTTLS when offered) or `smtps://` (TLS) URL with
 * the credentials in it, e.g. `smtps://user:pass@smtp.example.com:465`.
 */
export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = lazyTransporter({ url: smtpUrl, ...SMTP_TIMEOUTS });
  const { protocol, hostname, port } = new URL(smtpUrl);
  return {
    description: `SMTP server ${protocol}//${hostname}${port ? `:${port}` : ""}`,
    async send(message) {
      const info = await (await transporter.get()).sendMail(message);
      return { messageId: info.messageId };
    },
    close: transporter.close,
  };
}

/**
 * Messages written as `.eml` files (owner-only: they hold reset links) into `dir`, for
 * development without a mail server: open one in a mail program, or read the link in it.
 */
export function outboxTransport(dir: string): MailTransport {
  const transporter = lazyTransporter({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    description: `outbox folder ${path.resolve(dir)}`,
    async send(message) {
      const info = await (await transporter.get()).sendMail(message);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.resolve(dir, `${stamp}-${randomUUID()}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600, flag: "wx" });
      return { messageId: info.messageId, file };
    },
    close: transporter.close,
  };
}
