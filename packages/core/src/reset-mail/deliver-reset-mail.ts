import { issueResetLink } from "../password-reset/issue-reset-link.js";
import type { PasswordResetRepository } from "../password-reset/password-reset-repository.js";
import type { PasswordResetSettings } from "../password-reset/request-password-reset.js";
import { singleMailbox } from "../password-reset/single-mailbox.js";
import { plusMilliseconds } from "../time/microsecond-date.js";
import type { UserRepository } from "../users/user-repository.js";
import type { MailSealer } from "./mail-sealer.js";
import type {
  ClaimedOutboxEntry,
  ResetMail,
  ResetMailContent,
  ResetMailOutbox,
  StoredMail,
} from "./reset-mail-outbox.js";

/** What delivering reset mails needs. */
export interface DeliverResetMailDeps {
  users: UserRepository;
  resetTokens: PasswordResetRepository;
  resetMails: ResetMailOutbox;
  mailSealer: MailSealer;
  now: () => Date;
  newId: () => string;
  passwordReset: PasswordResetSettings;
}

/** How the host delivers. */
export interface DeliverySettings<Receipt> {
  /** Sends one mail; resolves with what its log line names (a message id, a file). */
  send: (mail: ResetMail) => Promise<Receipt>;
  /** How long a claim holds: longer than a send can take, so no other process sends it meanwhile. */
  claimMs: number;
  /** Waits before the retries of a failed send; the last one repeats until the link expires. */
  retryDelaysMs: readonly number[];
}

/** A failed send as it may be logged and stored: the link and its token are cut out. */
export interface SendFailure {
  message: string;
  code?: string;
  responseCode?: number;
}

/** What one call did; each kind but `idle` is about the HTTP request `requestId`. */
export type DeliveryOutcome<Receipt> =
  | { kind: "idle" }
  | { kind: "no_mail"; requestId: string; reason: "no_account" | "not_one_mailbox" }
  | { kind: "sent"; requestId: string; attempts: number; receipt: Receipt }
  | {
      kind: "failed";
      requestId: string;
      attempts: number;
      failure: SendFailure;
      retryInMs: number;
    }
  /** Not sent: its link expired first, or stopped working (a newer link, a reset, no account). */
  | { kind: "dropped"; requestId: string; attempts: number; reason: "expired" | "void" }
  /** Its claim lapsed before the mail was stored; the process that claimed it since goes on. */
  | { kind: "claim_lapsed"; requestId: string };

/**
 * Claims the outbox entry due longest and takes it one step towards a sent mail; `idle` when none
 * is due. A request (see `queueResetMail`) is looked up: without an account, or for a stored email
 * that is not one plain mailbox, it is deleted; otherwise the token is issued and the mail stored
 * (sealed) in the same transaction as the token, then sent. A mail is sent with the link it was
 * stored with; sent, it is deleted; failed, it is due again after the next retry delay, with the
 * same link. A mail whose link expired, or no longer works, is deleted unsent.
 *
 * Several processes may call this at once: each claims another entry. A mail goes out twice only
 * if its process stops between the mail server's acceptance and the deletion (or the database
 * fails just then): it is sent again once its claim lapses.
 */
export async function deliverResetMail<Receipt>(
  { send, claimMs, retryDelaysMs }: DeliverySettings<Receipt>,
  deps: DeliverResetMailDeps,
): Promise<DeliveryOutcome<Receipt>> {
  const { resetMails, resetTokens, mailSealer, now } = deps;
  const claimedAt = now();
  const until = plusMilliseconds(claimedAt, claimMs);
  const entry = await resetMails.claimNext(claimedAt, until, deps.newId());
  if (entry === null) return { kind: "idle" };
  const { requestId, attempts } = entry;

  let mail = entry.mail;
  let content: ResetMailContent | undefined;
  if (mail === null) {
    const prepared = await prepareMail(entry, deps);
    if ("kind" in prepared) return prepared;
    ({ mail, content } = prepared);
  } else {
    if (mail.expiresAt <= claimedAt) {
      await resetMails.remove(entry);
      return { kind: "dropped", requestId, attempts, reason: "expired" };
    }
    const token = await resetTokens.findByDigest(mail.tokenDigest);
    if (token === null || token.usedAt !== null || token.expiresAt <= claimedAt) {
      await resetMails.remove(entry);
      return { kind: "dropped", requestId, attempts, reason: "void" };
    }
  }

  let receipt: Receipt;
  try {
    content ??= mailSealer.open(mail.sealed, sealBinding(entry.id, mail.tokenDigest));
    receipt = await send({ ...content, expiresAt: mail.expiresAt });
  } catch (error) {
    const failure = describeFailure(error, content?.link);
    const retryInMs = retryDelaysMs[Math.min(attempts, retryDelaysMs.length) - 1] ?? 60_000;
    const text = [failure.code, failure.message].filter(Boolean).join(" ");
    await resetMails.retryAt(entry, plusMilliseconds(now(), retryInMs), text);
    return { kind: "failed", requestId, attempts, failure, retryInMs };
  }
  // Outside the try: a sent mail whose deletion fails must not be scheduled for a retry.
  await resetMails.remove(entry);
  return { kind: "sent", requestId, attempts, receipt };
}

/** The request's account looked up and, when it gets a mail, the mail stored with its token. */
async function prepareMail(
  entry: ClaimedOutboxEntry,
  deps: DeliverResetMailDeps,
): Promise<
  | { mail: StoredMail; content: ResetMailContent }
  | Extract<DeliveryOutcome<never>, { kind: "no_mail" | "claim_lapsed" }>
> {
  const { requestId } = entry;
  const credentials = await deps.users.findCredentialsByEmail(entry.email);
  // Only ever one mailbox: a stored email may be a list or wrap another address (a relay).
  const mailbox = credentials === null ? null : singleMailbox(credentials.user.email);
  if (credentials === null || mailbox === null) {
    await deps.resetMails.remove(entry);
    const reason = credentials === null ? "no_account" : "not_one_mailbox";
    return { kind: "no_mail", requestId, reason };
  }
  const { issued, stored } = issueResetLink(credentials, deps);
  const content = { mailbox, firstName: credentials.user.firstName, link: issued.link };
  const mail = {
    tokenDigest: stored.tokenDigest,
    sealed: deps.mailSealer.seal(content, sealBinding(entry.id, stored.tokenDigest)),
    expiresAt: issued.expiresAt,
  };
  if (!(await deps.resetMails.storeMail(entry, mail, stored))) {
    return { kind: "claim_lapsed", requestId };
  }
  return { mail, content };
}

/** A sealed mail opens only in its own entry, with its own token. */
function sealBinding(entryId: string, tokenDigest: string): string {
  return `${entryId}/${tokenDigest}`;
}

/** A send's failure as it may be logged: its first line, codes, and never the link or token. */
function describeFailure(error: unknown, link: string | undefined): SendFailure {
  const token =
    link !== undefined && URL.canParse(link) ? new URL(link).searchParams.get("token") : null;
  const secrets = [link ?? "", token ?? ""];
  const redact = (text: string) =>
    secrets.filter((secret) => secret.length > 0).reduce((t, s) => t.split(s).join("…"), text);
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    message: redact(error.message.split("\n")[0] ?? ""),
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof responseCode === "number" ? { responseCode } : {}),
  };
}
