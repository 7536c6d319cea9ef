import {
  type DeliveryOutcome,
  deliverResetMail,
  describeError,
  type OutboxDepth,
  type QueueResetMailDeps,
  queueResetMail,
  type UserDeps,
} from "@otas/core";
import type { MailTransport } from "./mail-transport.js";
import { type OutboxPoller, startOutboxPoller } from "./outbox-poller.js";
import { resetMessage } from "./reset-message.js";

/** Where mail work is reported: pino's interface (a request's logger, or the app's). */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What a send resolves with, for its log line. */
type Receipt = { messageId: string; file?: string };

/** What the service reports to metrics. */
export interface ResetMailObserver {
  delivered(outcome: DeliveryOutcome<Receipt>): void;
}

/** Password recovery by email as this host runs it: requests stored, mails sent by a poller. */
export interface PasswordRecoveryService {
  /**
   * Stores a reset request for `email` in the database's outbox, the same work whether an
   * account has it or not; the look-up, the token and the mail happen later, in whichever
   * process's poller claims it. Resolves once the request is stored, through `call`'s outbox
   * when given (a request's, bound to its deadline), else the service's own.
   */
  requestMail(
    email: string,
    requestId: string,
    log: MailLog,
    call?: QueueResetMailDeps,
  ): Promise<void>;
  /** What waits in the outbox (for metrics). */
  depth(): Promise<OutboxDepth>;
  /**
   * Stops polling and waits (up to `waitMs`) for the mail being handled, then closes the
   * transport. What is left in the outbox is sent by another process, or after the next start.
   */
  close(waitMs: number): Promise<void>;
}

/**
 * How long a claimed mail is this process's alone: longer than a send can take (the SMTP
 * transport's timeouts end a silent connection within a minute), so no other process sends it
 * meanwhile; after a crash, another process sends it once this has passed.
 */
export const RESET_MAIL_CLAIM_MS = 120_000;

/** How the service polls and retries. */
export interface OutboxSettings {
  /** Mean wait between polls of the outbox (`MAIL_POLL_MS`). */
  pollMs: number;
  /** Waits before the retries of a failed send; the last repeats (`MAIL_RETRY_DELAYS_MS`). */
  retryDelaysMs: readonly number[];
}

/**
 * Reset mails over `transport` from the database's outbox. Log lines carry the `reqId` of the
 * request that asked, the message id (and the outbox file), never the token or the link.
 */
export function createPasswordRecoveryService(options: {
  deps: UserDeps;
  transport: MailTransport;
  from: string;
  outbox: OutboxSettings;
  /** The process's logger, for the poller's lines. */
  log: MailLog;
  observer?: ResetMailObserver | undefined;
}): PasswordRecoveryService {
  const { deps, transport, from, outbox, log, observer } = options;
  const send = async (mail: Parameters<typeof resetMessage>[0]) =>
    transport.send(resetMessage(mail, from, deps.now()));
  const poller: OutboxPoller = startOutboxPoller({
    intervalMs: outbox.pollMs,
    step: async () => {
      const outcome = await deliverResetMail(
        { send, claimMs: RESET_MAIL_CLAIM_MS, retryDelaysMs: outbox.retryDelaysMs },
        deps,
      );
      if (outcome.kind === "idle") return false;
      logOutcome(log, outcome);
      observer?.delivered(outcome);
      return true;
    },
    onError(error, firstInARow) {
      if (firstInARow) {
        log.error(
          { err: describeError(error) },
          "reset mail outbox: delivery failed; mails wait in the database until it works again",
        );
      }
    },
    onRecovered: () => log.info({}, "reset mail outbox: delivery works again"),
  });
  return {
    async requestMail(email, requestId, requestLog, call = deps) {
      if ((await queueResetMail({ email, requestId }, call)) === "not_one_mailbox") {
        requestLog.info(
          {},
          "password reset asked for an email that is not one plain address: no mail",
        );
      }
    },
    depth: () => deps.resetMails.depth(),
    async close(waitMs) {
      await poller.close(waitMs);
      transport.close();
    },
  };
}

function logOutcome(log: MailLog, outcome: Exclude<DeliveryOutcome<Receipt>, { kind: "idle" }>) {
  const reqId = outcome.requestId;
  switch (outcome.kind) {
    case "no_mail":
      if (outcome.reason === "no_account") {
        log.info({ reqId }, "password reset asked for an address without an account: no mail");
      } else {
        log.warn(
          { reqId },
          "password reset of an account whose email is not one plain address: no mail",
        );
      }
      return;
    case "sent": {
      const { messageId, file } = outcome.receipt;
      const attempt = outcome.attempts;
      if (file === undefined) log.info({ reqId, messageId, attempt }, "password reset mail sent");
      else {
        log.info({ reqId, messageId, file, attempt }, "password reset mail written to the outbox");
      }
      return;
    }
    case "failed":
      log.warn(
        { reqId, err: outcome.failure, attempt: outcome.attempts, retryInMs: outcome.retryInMs },
        "mail not sent: will retry",
      );
      return;
    case "dropped":
      if (outcome.reason === "expired") {
        log.error(
          { reqId, attempts: outcome.attempts },
          "reset mail dropped: its link expired before it could be sent",
        );
      } else {
        log.info(
          { reqId, attempts: outcome.attempts },
          "reset mail not sent: its link no longer works (a newer link, a reset, or no account)",
        );
      }
      return;
    case "claim_lapsed":
      log.warn({ reqId }, "reset mail left to another process: its claim lapsed");
  }
}
