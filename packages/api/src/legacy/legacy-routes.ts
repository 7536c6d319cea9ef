import type { AnyRouter } from "@trpc/server";
import type { Meta } from "../meta.js";

/** The legacy REST prefix; procedure paths in meta are relative to it. */
export const LEGACY_PREFIX = "/api";

/** Legacy path (without its trailing slash) → the methods it answers. */
export type LegacyRouteTable = ReadonlyMap<string, readonly string[]>;

/** A procedure's REST route as its meta declares it. */
export interface LegacyRoute {
  openapi: NonNullable<Meta["openapi"]>;
  legacy: Meta["legacy"];
}

/** The procedures that answer on a legacy REST path (those with enabled OpenAPI meta). */
export function legacyRoutes(router: AnyRouter): LegacyRoute[] {
  const routes: LegacyRoute[] = [];
  for (const procedure of Object.values(router._def.procedures) as { _def: { meta?: Meta } }[]) {
    const openapi = procedure._def.meta?.openapi;
    if (openapi === undefined || openapi.enabled === false) continue;
    routes.push({ openapi, legacy: procedure._def.meta?.legacy });
  }
  return routes;
}

/** Reads the legacy routes from the procedures' OpenAPI meta, so they are declared once. */
export function legacyRouteTable(router: AnyRouter): LegacyRouteTable {
  const table = new Map<string, string[]>();
  for (const { openapi } of legacyRoutes(router)) {
    const path = withoutTrailingSlash(`${LEGACY_PREFIX}${openapi.path}`);
    table.set(path, [...(table.get(path) ?? []), openapi.method]);
  }
  return table;
}

/** `/a/b/` and `/a/b` name the same legacy path. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
