// `@otas/client/trpc`: the API for tRPC's own tools (createTRPCClient, the React integration).
// Its types need @trpc/client's and @trpc/server's; the main entry's do not.
export type { AppRouter } from "./app-router.js";
export { type OtasLinkOptions, otasLinks } from "./links.js";
