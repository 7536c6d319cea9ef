import type { AnyRouter } from "@trpc/server";
import type { Meta } from "./meta.js";

/**
 * Calls one tRPC batch may carry. The host refuses a larger batch, and one that carries a
 * password-hashing procedure beside any other call (`batch_not_allowed`); @otas/client builds
 * its batches within both rules.
 */
export const MAX_BATCH_CALLS = 16;

/** The dotted paths of the procedures whose meta says they hash a password. */
export function passwordHashingProcedures(router: AnyRouter): ReadonlySet<string> {
  const procedures = router._def.procedures as Record<string, { _def: { meta?: Meta } }>;
  return new Set(
    Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.meta?.hashesPassword === true)
      .map(([path]) => path),
  );
}
