import type { StoredResetToken } from "../password-reset/password-reset-repository.js";

/** What a reset mail says, kept sealed in the outbox: the link is a secret. */
export interface ResetMailContent {
  /** The one mailbox the mail goes to (see `singleMailbox`). */
  mailbox: string;
  /** For the greeting. */
  firstName: string;
  /** `${APP_URL}/reset-password?token=…&emailId=…` */
  link: string;
}

/** A reset mail ready to send, as the host's mailer gets it. */
export interface ResetMail extends ResetMailContent {
  /** When the link stops working. */
  expiresAt: Date;
}

/** A "forgot password?" request as the answering process stores it. */
export interface NewOutboxEntry {
  id: string;
  /** The HTTP request's id, so the lines logged about its mail carry it. */
  requestId: string;
  /** The email asked for, normalised; whether an account has it is not known yet. */
  email: string;
  createdAt: Date;
}

/** The mail an entry became once its account was found and its token issued. */
export interface StoredMail {
  /** The digest of the token the link carries (what `password_reset_tokens` holds). */
  tokenDigest: string;
  /** The {@link ResetMailContent}, sealed (see `createMailSealer`). */
  sealed: string;
  /** The link's expiry: past it the mail is dropped unsent. */
  expiresAt: Date;
}

/** An entry one process holds until its claim lapses; only the holder may change it. */
export interface ClaimedOutboxEntry {
  id: string;
  /** The claim's id: every later change names it, and does nothing once it lapsed. */
  claim: string;
  requestId: string;
  email: string;
  createdAt: Date;
  /** Claims so far, this one included. */
  attempts: number;
  /** Null while it is a request whose account was not looked up yet. */
  mail: StoredMail | null;
}

/** What waits in the outbox, for metrics. */
export interface OutboxDepth {
  /** Requests not handled yet. */
  requests: number;
  /** Mails not sent yet (waiting for a retry, or being sent). */
  mails: number;
  oldestCreatedAt: Date | null;
}

/**
 * The durable outbox of password-reset mails, shared by every process on the database: a request
 * is stored by the process that answered it and handled by whichever process claims it first.
 */
export interface ResetMailOutbox {
  /** Stores a request, due at once. */
  add(entry: NewOutboxEntry): Promise<void>;
  /**
   * Claims the due entry (`dueAt` reached) that has been due longest, for `claim`, until
   * `until`; null when none is due. Of processes claiming at once, each gets another entry.
   */
  claimNext(now: Date, until: Date, claim: string): Promise<ClaimedOutboxEntry | null>;
  /**
   * Turns a claimed request into `mail` and stores the token its link carries, in one
   * transaction; false, storing neither, when the claim lapsed.
   */
  storeMail(
    entry: Pick<ClaimedOutboxEntry, "id" | "claim">,
    mail: StoredMail,
    token: StoredResetToken,
  ): Promise<boolean>;
  /** Gives a claimed entry back, due again at `dueAt`; false when the claim lapsed. */
  retryAt(
    entry: Pick<ClaimedOutboxEntry, "id" | "claim">,
    dueAt: Date,
    lastError: string,
  ): Promise<boolean>;
  /** Deletes a claimed entry (sent, or needing no mail); false when the claim lapsed. */
  remove(entry: Pick<ClaimedOutboxEntry, "id" | "claim">): Promise<boolean>;
  depth(): Promise<OutboxDepth>;
}
