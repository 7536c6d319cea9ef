import path from "node:path";
import type { UserDeps } from "@otas/core";
import type { ApiEnv } from "../env.js";
import { outboxTransport, smtpTransport } from "./mail-transport.js";
import {
  createPasswordRecoveryService,
  type MailLog,
  type PasswordRecoveryService,
  type ResetMailObserver,
} from "./password-recovery-service.js";

/** The sender when `MAIL_FROM` is unset (only allowed with the development outbox). */
const DEVELOPMENT_SENDER = "OTAS <no-reply@localhost>";

/** The settings password recovery by email is configured from. */
export type MailEnv = Pick<
  ApiEnv,
  "SMTP_URL" | "MAIL_FROM" | "DATA_DIR" | "NODE_ENV" | "MAIL_POLL_MS" | "MAIL_RETRY_DELAYS_MS"
>;

/**
 * Password recovery by email from the settings, saying at start-up where mail goes: the SMTP
 * server of `SMTP_URL`; without it, `.eml` files in `DATA_DIR/outbox` (not in production, where
 * recovery is then off and this answers undefined). Its poller starts at once.
 */
export function passwordRecoveryFromEnv(
  env: MailEnv,
  deps: UserDeps,
  log: MailLog,
  observer?: ResetMailObserver,
): PasswordRecoveryService | undefined {
  if (env.SMTP_URL === undefined && env.NODE_ENV === "production") {
    log.warn(
      {},
      "SMTP_URL is not set (NODE_ENV=production): password recovery by email is off, its endpoints answer 404 not_found",
    );
    return undefined;
  }
  const transport =
    env.SMTP_URL === undefined
      ? outboxTransport(path.join(env.DATA_DIR, "outbox"))
      : smtpTransport(env.SMTP_URL);
  if (env.SMTP_URL === undefined) {
    log.warn(
      {},
      `SMTP_URL is not set: password reset mails are written as .eml files to the ${transport.description} (development only)`,
    );
  } else {
    log.info({}, `password reset mails go to the ${transport.description}`);
  }
  return createPasswordRecoveryService({
    deps,
    transport,
    from: env.MAIL_FROM ?? DEVELOPMENT_SENDER,
    outbox: { pollMs: env.MAIL_POLL_MS, retryDelaysMs: env.MAIL_RETRY_DELAYS_MS },
    log,
    observer,
  });
}
