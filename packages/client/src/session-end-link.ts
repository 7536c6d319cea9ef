import type { Operation, TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "./app-router.js";
import { isOtasError } from "./errors.js";
import type { OtasClientOptions, OtasTokenSource } from "./options.js";

/** The token each call was sent with, recorded by the transport, by the call's context. */
export type SentTokens = WeakMap<object, { token?: string | undefined }>;

/** The token `source` holds now. */
export async function currentToken(source: OtasTokenSource): Promise<string | undefined> {
  return typeof source === "function" ? await source() : source;
}

/** Records, for each of `ops`, that it is sent with `token`. */
export function recordSentToken(sent: SentTokens, ops: readonly Operation[], token?: string) {
  for (const op of ops) {
    const record = sent.get(op.context);
    if (record !== undefined) record.token = token;
  }
}

/**
 * Tells `onSessionEnd` when a call's token was refused (`invalid_token`) while it is still the
 * current token. The first link of the chain: it gives each call a context of its own, in which
 * the transport records the token it sent.
 */
export function sessionEndLink(options: OtasClientOptions, sent: SentTokens): TRPCLink<AppRouter> {
  const { onSessionEnd, token } = options;
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        const context = { ...op.context };
        const record: { token?: string | undefined } = {};
        sent.set(context, record);
        return next({ ...op, context }).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            if (
              onSessionEnd !== undefined &&
              isOtasError(error) &&
              error.data.otasCode === "invalid_token"
            ) {
              const reason = error.data.detail === "expired" ? "expired" : "invalid";
              void currentToken(token).then((current) => {
                // A call sent with an older token must not end the session of a newer one.
                const still = !("token" in record) || record.token === current;
                if (still && current) onSessionEnd({ reason, path: op.path });
              });
            }
            observer.error(error);
          },
        });
      });
}
