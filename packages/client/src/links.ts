import {
  httpBatchLink,
  httpBatchStreamLink,
  httpLink,
  type Operation,
  splitLink,
  type TRPCLink,
} from "@trpc/client";
import type { AppRouter } from "./app-router.js";
import { maxBatchCalls, passwordHashingProcedures, tokenHeader } from "./generated/router.js";
import type { OtasClientOptions, OtasTransport } from "./options.js";
import {
  currentToken,
  recordSentToken,
  type SentTokens,
  sessionEndLink,
} from "./session-end-link.js";

const hashing = new Set(passwordHashingProcedures);

type TrpcFetch = NonNullable<Parameters<typeof httpLink>[0]["fetch"]>;

export interface OtasLinkOptions extends OtasClientOptions {
  /**
   * Your own links (logging, retries, context), run for every call before the client's
   * transport; they must not end the chain (the client's transport does).
   */
  links?: TRPCLink<AppRouter>[];
}

/**
 * The links of an OTAS client, for `createTRPCClient<AppRouter>({ links: otasLinks(...) })` and
 * tRPC's React integration: the session-end hook, your links, then the transport — with every
 * password-hashing call in a request of its own (the server refuses a batch that carries one
 * beside any other call) and batches of at most the server's limit of calls.
 */
export function otasLinks(options: OtasLinkOptions): TRPCLink<AppRouter>[] {
  const sent: SentTokens = new WeakMap();
  const headers = async (ops: readonly Operation[]) => {
    const token = await currentToken(options.token);
    recordSentToken(sent, ops, token);
    const extra = typeof options.headers === "function" ? await options.headers() : options.headers;
    return { ...extra, ...(token ? { [tokenHeader]: token } : {}) };
  };
  const url = `${options.url.replace(/\/+$/, "")}/trpc`;
  // tRPC's own fetch type differs from the platform's only under exactOptionalPropertyTypes.
  const fetchOption =
    options.fetch === undefined ? {} : { fetch: options.fetch as unknown as TrpcFetch };
  const single = httpLink<AppRouter>({
    url,
    ...fetchOption,
    headers: ({ op }) => headers([op]),
  });
  const batch = {
    url,
    ...fetchOption,
    maxItems: maxBatchCalls,
    headers: ({ opList }: { opList: readonly Operation[] }) => headers(opList),
  };
  return [
    sessionEndLink(options, sent),
    ...(options.links ?? []),
    splitLink({
      condition: (op) => hashing.has(op.path),
      true: single,
      false: transport(options.transport ?? "httpLink", single, batch),
    }),
  ];
}

/** The terminating link of the calls that may share a request. */
function transport(
  name: OtasTransport,
  single: TRPCLink<AppRouter>,
  batch: Parameters<typeof httpBatchLink<AppRouter>>[0],
): TRPCLink<AppRouter> {
  switch (name) {
    case "httpLink":
      return single;
    case "httpBatchLink":
      return httpBatchLink(batch);
    case "httpBatchStreamLink":
      return httpBatchStreamLink(batch);
  }
}
