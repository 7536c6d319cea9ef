import type { AppRouter } from "@otas/api";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";

/** The typed client: `client.user.create.mutate(...)`, `client.user.me.query()`... */
export type OtasClient = TRPCClient<AppRouter>;

/** A token, or how to read the current one (e.g. from a store that login updates). */
export type OtasTokenSource =
  | string
  | undefined
  | (() => string | undefined | Promise<string | undefined>);

export interface OtasClientOptions {
  /** The service's base URL, e.g. `http://localhost:8000`; procedures are under `/trpc`. */
  url: string;
  /** Sent as `X-OTAS-USER-TOKEN`, bare, when present and non-empty. */
  token?: OtasTokenSource;
}

/** The header the service reads the token from (the same over tRPC and REST). */
const TOKEN_HEADER = "x-otas-user-token";

/**
 * A typed tRPC client of the OTAS user service. One HTTP request per call (no batching), so
 * each call has its own request id in the server's logs.
 */
export function createOtasClient({ url, token }: OtasClientOptions): OtasClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url.replace(/\/+$/, "")}/trpc`,
        async headers() {
          const current = typeof token === "function" ? await token() : token;
          return current ? { [TOKEN_HEADER]: current } : {};
        },
      }),
    ],
  });
}
