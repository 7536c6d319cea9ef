import type { AnyRouter } from "@trpc/server";
import type { Meta } from "./meta.js";

/** The dotted paths of the procedures whose meta says they hash a password. */
export function passwordHashingProcedures(router: AnyRouter): ReadonlySet<string> {
  const procedures = router._def.procedures as Record<string, { _def: { meta?: Meta } }>;
  return new Set(
    Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.meta?.hashesPassword === true)
      .map(([path]) => path),
  );
}
