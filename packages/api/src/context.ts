import type { UserDeps } from "@otas/core";

/** What is counted separately, per client address and (where it applies) per account. */
export type RateLimitBucket = "create" | "login" | "password_update";

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
   * Counts this call in `bucket` against its client address's limit, or against `account`'s when
   * given; true when over it. Absent: no limits.
   */
  rateLimit?: (bucket: RateLimitBucket, account?: string) => Promise<boolean>;
  /** Told about every failure answered `server_error` (after it is logged), e.g. for metrics. */
  onUnexpectedFailure?: (error: unknown) => void;
}

/** The header legacy clients and tRPC clients send the token in. */
export const TOKEN_HEADER = "x-otas-user-token";
