import { isOtasError, type OtasSessionEnd } from "@otas/client";
import { type AppRouter, otasLinks } from "@otas/client/trpc";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { tokenStore } from "./session/token-store.js";

/** tRPC's React integration for the OTAS API: `useTRPC()` in components. */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * The API's base URL: index.html's `otas-api-url` meta (set at deployment), else
 * VITE_OTAS_API_URL at build time, else the API's development address.
 */
export function apiUrl(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="otas-api-url"]')?.content;
  return meta || import.meta.env.VITE_OTAS_API_URL || "http://localhost:8000";
}

/** The tRPC client: the stored token on every call, streamed batches for the queries. */
export function createApiClient(onSessionEnd: (end: OtasSessionEnd) => void) {
  return createTRPCClient<AppRouter>({
    links: otasLinks({
      url: apiUrl(),
      token: tokenStore.get,
      transport: "httpBatchStreamLink",
      onSessionEnd,
    }),
  });
}

/** Queries retry only what may pass on a second try: not an answer of the API. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !isOtasError(error) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
