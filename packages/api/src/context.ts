import type { SessionClient, UserDeps } from "@otas/core";

/** What is counted separately, per client address and (where it applies) per account. */
export type RateLimitBucket =
  | "create"
  | "login"
  | "password_update"
  /** "Forgot password?" requests: per address, and (`password_reset_mail`) per target email. */
  | "password_reset_request"
  | "password_reset_mail"
  /** Resets with an emailed token: per address and per account. */
  | "password_reset"
  /** Signing out, listing and ending sessions: per address and per account. */
  | "session";

/** Which way sessions were ended, as `/metrics` counts them. */
export type SignOutKind = "sign_out" | "sign_out_everywhere" | "end_session" | "end_other_sessions";

/** Password recovery by email, as the host provides it. */
export interface PasswordRecovery {
  /**
   * Stores a reset request for `email` (the same work whether an account has it or not); the
   * account is looked up, the token issued and the mail sent later, in the background, so
   * neither the answer nor the timing of the next one tells whether the account exists.
   */
  requestMail(email: string): Promise<void>;
}

/** The request's logger (pino's interface, as Fastify hands it over). */
export interface RequestLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** The context of every procedure call, whichever transport carried it. */
export interface Context {
  deps: UserDeps;
  requestId: string;
  log: RequestLog;
  /** `X-OTAS-USER-TOKEN` as sent (the same header over REST and tRPC). */
  token: string | undefined;
  /**
   * The client, as a session started by this call keeps it (user agent, address); read only by
   * the calls that start one, so the others never pay for it.
   */
  client?: () => SessionClient;
  /**
   * Counts this call in `bucket` against its client address's limit, or against `account`'s when
   * given; true when over it. Absent: no limits.
   */
  rateLimit?: (bucket: RateLimitBucket, account?: string) => Promise<boolean>;
  /** Absent when recovery by email is off (no mail transport): its endpoints answer `not_found`. */
  passwordRecovery?: PasswordRecovery;
  /** Told about every failure answered `server_error` (after it is logged), e.g. for metrics. */
  onUnexpectedFailure?: (error: unknown) => void;
  /** Told about every sign-out and ended session, once it is done (e.g. for metrics). */
  onSignOut?: (kind: SignOutKind) => void;
}

/** The header legacy clients and tRPC clients send the token in. */
export const TOKEN_HEADER = "x-otas-user-token";

/**
 * The header the OTAS web frontend's account page sends the token in (`USER_TOKEN`; Node
 * lowercases names), read on the paths whose meta lists it in `aliasTokenHeaders`.
 */
export const LEGACY_TOKEN_HEADER = "user_token";
