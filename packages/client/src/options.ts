/** A token, or how to read the current one (e.g. from a store that sign-in updates). */
export type OtasTokenSource =
  | string
  | undefined
  | (() => string | undefined | Promise<string | undefined>);

/**
 * How calls travel, by the name of the tRPC link that carries them: `httpLink` (one request per
 * call, the default), `httpBatchLink` (the calls of one tick in one request) or
 * `httpBatchStreamLink` (the same, each answer streamed as soon as it is ready). Whichever it is,
 * a password-hashing call (create, login, password change, reset) goes in a request of its own
 * and a batch carries at most the server's limit of calls: the server refuses anything else.
 */
export type OtasTransport = "httpLink" | "httpBatchLink" | "httpBatchStreamLink";

/** Why the session is over: its token `expired`, or it is no longer (or never was) good. */
export interface OtasSessionEnd {
  reason: "expired" | "invalid";
  /** The procedure whose call found it out, e.g. `user.me`. */
  path: string;
}

/** Request headers, or how to compute them for each request. */
export type OtasHeaders =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

export interface OtasClientOptions {
  /** The service's base URL, e.g. `http://localhost:8000`; procedures are under `/trpc`. */
  url: string;
  /** Sent as `X-OTAS-USER-TOKEN`, bare, when present and non-empty; read for every request. */
  token?: OtasTokenSource;
  /** Default `httpLink`. */
  transport?: OtasTransport;
  /** The fetch to send requests with (a server runtime's, a test's); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * More request headers, e.g. `X-Forwarded-For` from a server that calls on a browser's behalf
   * (the service believes it from the addresses in its `TRUST_PROXY` only).
   */
  headers?: OtasHeaders;
  /**
   * Called when a call finds that the token it sent is over: expired, ended, or never good
   * (`invalid_token`), and it is still the current one (a call that was sent with an older
   * token after a new sign-in does not end the new session). Send the user to sign in. Not
   * called for calls sent without a token (`missing_token`).
   */
  onSessionEnd?: (end: OtasSessionEnd) => void;
}
