import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message the test SMTP server accepted, parsed, with who sent it through whom. */
export interface ReceivedMail {
  parsed: ParsedMail;
  /** The envelope's recipients. */
  to: string[];
  /** The user the sender authenticated as. */
  authenticatedAs: string | undefined;
}

/** A real SMTP server (the Nodemailer project's `smtp-server`) on a loopback port. */
export interface TestSmtpServer {
  /** `smtp://user:pass@127.0.0.1:<port>`: what SMTP_URL is set to. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first message to `address` accepted from now or earlier. */
  nextMailTo(address: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Refuses the next `count` messages with a temporary failure (451). */
  failNext(count: number): void;
  /** Holds each message this long before accepting it (a slow server). */
  delayAcceptMs: number;
  close(): Promise<void>;
}

export const SMTP_USER = "otas-mailer";
export const SMTP_PASSWORD = "smtp p@ss/word";

/**
 * Starts an SMTP server that requires the test credentials (plain AUTH on a loopback connection
 * without TLS) and keeps every message it accepts.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let failures = 0;
  const state = { delayAcceptMs: 0 };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onData(stream, session, callback) {
      void simpleParser(stream).then(async (parsed) => {
        if (failures > 0) {
          failures -= 1;
          const error = new Error("Try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        await new Promise((resolve) => setTimeout(resolve, state.delayAcceptMs));
        received.push({
          parsed,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          authenticatedAs: typeof session.user === "string" ? session.user : undefined,
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = `${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASSWORD)}`;
  return {
    url: `smtp://${credentials}@127.0.0.1:${port}`,
    received,
    get delayAcceptMs() {
      return state.delayAcceptMs;
    },
    set delayAcceptMs(value: number) {
      state.delayAcceptMs = value;
    },
    async nextMailTo(address, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((mail) => mail.to.includes(address));
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link in a mail's plain text, and its token and emailId. */
export function resetLinkIn(mail: ReceivedMail) {
  const link = mail.parsed.text?.match(/https?:\/\/\S+\/reset-password\?\S+/)?.[0];
  if (link === undefined) throw new Error(`no reset link in: ${mail.parsed.text}`);
  const query = new URL(link).searchParams;
  return { link, token: query.get("token") ?? "", emailId: query.get("emailId") ?? "" };
}
