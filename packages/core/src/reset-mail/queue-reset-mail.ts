import { singleMailbox } from "../password-reset/single-mailbox.js";
import type { ResetMailOutbox } from "./reset-mail-outbox.js";

/** What queueing a reset mail needs. */
export interface QueueResetMailDeps {
  resetMails: ResetMailOutbox;
  now: () => Date;
  newId: () => string;
}

/**
 * Stores a "forgot password?" request for `email` in the outbox, to be handled later by
 * whichever process claims it (see {@link deliverResetMail}): the account's look-up, its token
 * and its mail all happen there, never on the path of the answer. This does the same work
 * whether an account has the email or not. An email that is not one plain mailbox (a list, a
 * display name around another address... see `singleMailbox`) is not stored: no mail can go to
 * it, and telling so depends on the text alone.
 * @returns whether the request was stored.
 */
export async function queueResetMail(
  { email, requestId }: { email: string; requestId: string },
  { resetMails, now, newId }: QueueResetMailDeps,
): Promise<"queued" | "not_one_mailbox"> {
  if (singleMailbox(email) === null) return "not_one_mailbox";
  await resetMails.add({ id: newId(), requestId, email, createdAt: now() });
  return "queued";
}
