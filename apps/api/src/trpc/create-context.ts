import { type Context, type SignOutKind, TOKEN_HEADER } from "@otas/api";
import type { UserDeps } from "@otas/core";
import type { FastifyRequest } from "fastify";
import type { RequestRateLimiter } from "../limits/rate-limit.js";
import type { PasswordRecoveryService } from "../mail/password-recovery-service.js";

/** How one route reads its context beyond the defaults. */
export interface ContextOptions {
  /**
   * Headers the token is also read from, in order, when `X-OTAS-USER-TOKEN` is absent or empty
   * (the web frontend's `USER_TOKEN`, on its own paths only).
   */
  tokenHeaders?: readonly string[];
}

/** A request's context factory, as the transports call it. */
export type CreateContext = (request: FastifyRequest, options?: ContextOptions) => Context;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What the host adds to every context beside the use cases' dependencies. */
export interface ContextServices {
  limiter?: RequestRateLimiter | undefined;
  /** Absent when recovery by email is off. */
  recovery?: PasswordRecoveryService | undefined;
  /** Told about every failure answered `server_error` (e.g. for metrics). */
  onUnexpectedFailure?: ((error: unknown) => void) | undefined;
  /** Told about every sign-out and ended session (e.g. for metrics). */
  onSignOut?: ((kind: SignOutKind) => void) | undefined;
}

/** Builds the procedures' context for a request, on either transport. */
export function createContextFactory(
  deps: UserDeps,
  { limiter, recovery, onUnexpectedFailure, onSignOut }: ContextServices = {},
): CreateContext {
  return (request, options = {}) => {
    const headers = [TOKEN_HEADER, ...(options.tokenHeaders ?? [])];
    const tokens = headers.map((name) => header(request, name));
    // The request's database work runs under its deadline (set before any handler runs).
    const { deadline } = request;
    const context: Context = {
      deps: deadline === undefined ? deps : (deps.under?.(deadline) ?? deps),
      requestId: request.id,
      log: request.log,
      // The first non-empty one; none at all keeps the contract's own header's value ("" too).
      token: tokens.find((token) => token !== undefined && token !== "") ?? tokens[0],
      // What a session started by this call keeps of its client (core truncates the address).
      client: () => ({ userAgent: header(request, "user-agent"), address: request.ip }),
    };
    if (onUnexpectedFailure !== undefined) context.onUnexpectedFailure = onUnexpectedFailure;
    if (onSignOut !== undefined) context.onSignOut = onSignOut;
    if (limiter !== undefined) {
      context.rateLimit = (bucket, account) => limiter(request, bucket, account);
    }
    if (recovery !== undefined) {
      context.passwordRecovery = {
        requestMail: (email) => recovery.requestMail(email, request.id, request.log, context.deps),
      };
    }
    return context;
  };
}
