import type { OpenApiMeta } from "trpc-to-openapi";
import type { ErrorCode } from "./errors/error-codes.js";

/** How a procedure answers on its legacy REST path. */
export interface LegacyMeta {
  /** `status_description` of a success, e.g. `user_created`. */
  successCode: string;
  /** The key that holds the result: `response_body`, except login's `response`. */
  resultKey?: "response_body" | "response";
  /** Login answers every failure with one bare body instead of the envelope. */
  failureCode?: "login_failed";
  /** The status of `server_error` (the create endpoint documents 400). */
  serverErrorStatus?: number;
  /**
   * Further paths the same endpoint answers on, in full (outside `/api`), e.g. the paths the
   * OTAS web frontend calls. They are served like the documented path but not documented twice.
   */
  aliases?: readonly string[];
  /**
   * Further request headers the aliases read the token from when `X-OTAS-USER-TOKEN` is absent or
   * empty (lowercase), e.g. `user_token`: the OTAS web frontend's account page sends `USER_TOKEN`.
   */
  aliasTokenHeaders?: readonly string[];
  /** The endpoint ignores its body (the procedure takes no input). */
  ignoresBody?: true;
  /**
   * The codes its input and use case can fail with, for the OpenAPI document. The token codes
   * of protected procedures and the codes every endpoint shares are added there, not here.
   */
  errors?: readonly ErrorCode[];
}

/** Procedure metadata: the OpenAPI route plus its legacy envelope. */
export type Meta = OpenApiMeta<{
  legacy?: LegacyMeta;
  /**
   * The procedure hashes a password (bcrypt: tens to hundreds of ms of a core). It is rate-limited
   * per address and per account, and a tRPC batch may not carry it alongside other calls, so a
   * batch never buys more hashing than the same calls sent one by one.
   */
  hashesPassword?: true;
}>;
