import { createTRPCClient } from "@trpc/client";
import type { OtasClient } from "./client-types.js";
import { otasLinks } from "./links.js";
import type { OtasClientOptions } from "./options.js";

/**
 * A typed client of the OTAS user service (tRPC's client over {@link otasLinks}): one request
 * per call unless `transport` says otherwise, the token read for every request.
 */
export function createOtasClient(options: OtasClientOptions): OtasClient {
  return createTRPCClient({ links: otasLinks(options) }) as unknown as OtasClient;
}
