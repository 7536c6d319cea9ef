import {
  type PasswordResetLink,
  requestPasswordReset,
  singleMailbox,
  type UserDeps,
} from "@otas/core";
import type { MailLog, MailQueue } from "./mail-queue.js";
import type { MailTransport } from "./mail-transport.js";
import { resetMessage } from "./reset-message.js";

/** Password recovery by email as this host runs it: reset mails queued after the answer. */
export interface PasswordRecoveryService {
  /** Queues the reset of `email`: look-up, token and mail all happen after the answer. */
  requestMail(email: string, log: MailLog): void;
  /** Waits for queued mail (see {@link MailQueue.close}), then closes the transport. */
  close(): Promise<void>;
}

/**
 * Reset mails over `transport`, through `queue`. A token is issued once per request; a failed
 * send is retried with the same link. Log lines name the message id (and the outbox file), never
 * the token or the link.
 */
export function createPasswordRecoveryService(options: {
  deps: UserDeps;
  transport: MailTransport;
  queue: MailQueue;
  from: string;
}): PasswordRecoveryService {
  const { deps, transport, queue, from } = options;
  return {
    requestMail(email, log) {
      let reset: PasswordResetLink | null | undefined;
      queue.push(async () => {
        // Only ever one mailbox: a stored email may be a list or wrap another address (a relay).
        if (singleMailbox(email) === null) {
          log.info({}, "password reset asked for an email that is not one plain address: no mail");
          return;
        }
        if (reset === undefined) reset = await requestPasswordReset({ email }, deps);
        if (reset === null) {
          log.info({}, "password reset asked for an address without an account: no mail");
          return;
        }
        const mailbox = singleMailbox(reset.user.email);
        if (mailbox === null) {
          log.warn(
            {},
            "password reset of an account whose email is not one plain address: no mail",
          );
          return;
        }
        const message = resetMessage(reset, mailbox, from, deps.now());
        const { messageId, file } = await transport.send(message);
        if (file === undefined) log.info({ messageId }, "password reset mail sent");
        else log.info({ messageId, file }, "password reset mail written to the outbox");
      }, log);
    },
    async close() {
      await queue.close();
      transport.close();
    },
  };
}
