// Bundled for the browser by trpc-links.test.ts: tRPC's own HTTP links, as a frontend on another
// origin uses them, each making the calls that need a CORS preflight.
import type { AppRouter } from "@otas/api";
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, httpLink } from "@trpc/client";

const links = { httpLink, httpBatchLink, httpBatchStreamLink };

/** Calls every kind of procedure through `link`, three at once (a batch for the batch links). */
async function callThrough(api: string, link: keyof typeof links, token: string) {
  const client = createTRPCClient<AppRouter>({
    links: [links[link]({ url: `${api}/trpc`, headers: () => ({ "x-otas-user-token": token }) })],
  });
  const [me, authenticated, updated] = await Promise.all([
    client.user.me.query(),
    client.user.authenticate.mutate(),
    client.user.update.mutate({ first_name: link, last_name: "Lovelace" }),
  ]);
  return [me.user.email, authenticated.user.email, updated.user.first_name];
}

(globalThis as unknown as { callThrough: typeof callThrough }).callThrough = callThrough;
