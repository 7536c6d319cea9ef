import type { AnyRouter } from "@trpc/server";
import type { LegacyMeta, Meta } from "../meta.js";

/** The legacy REST prefix; procedure paths in meta are relative to it. */
export const LEGACY_PREFIX = "/api";

/** Legacy path (without its trailing slash) → the methods it answers. */
export type LegacyRouteTable = ReadonlyMap<string, readonly string[]>;

/** A procedure's REST route as its meta declares it. */
export interface LegacyRoute {
  /** The procedure's dotted path in the router, e.g. `user.create`. */
  procedure: string;
  openapi: NonNullable<Meta["openapi"]>;
  legacy: LegacyMeta;
  /** The documented path, as called (under `/api`, with its trailing slash). */
  path: string;
  /** Further paths it answers on (`legacy.aliases`). */
  aliases: readonly string[];
}

/**
 * The procedures that answer on a legacy REST path (those with enabled OpenAPI meta), read from
 * their meta so each route is declared once, beside its procedure.
 * @throws Error for a REST route without `legacy` meta: its envelope would be unknown.
 */
export function legacyRoutes(router: AnyRouter): LegacyRoute[] {
  const routes: LegacyRoute[] = [];
  const procedures = router._def.procedures as Record<string, { _def: { meta?: Meta } }>;
  for (const [procedure, { _def }] of Object.entries(procedures)) {
    const openapi = _def.meta?.openapi;
    if (openapi === undefined || openapi.enabled === false) continue;
    const legacy = _def.meta?.legacy;
    if (legacy === undefined) {
      throw new Error(`${procedure} has a REST path (${openapi.path}) but no legacy meta`);
    }
    const path = `${LEGACY_PREFIX}${openapi.path}`;
    routes.push({ procedure, openapi, legacy, path, aliases: legacy.aliases ?? [] });
  }
  return routes;
}

/** Every legacy path (without its trailing slash) and the methods it answers. */
export function legacyRouteTable(routes: readonly LegacyRoute[]): LegacyRouteTable {
  const table = new Map<string, string[]>();
  for (const { openapi, path, aliases } of routes) {
    for (const each of [path, ...aliases].map(withoutTrailingSlash)) {
      table.set(each, [...(table.get(each) ?? []), openapi.method]);
    }
  }
  return table;
}

/** `/a/b/` and `/a/b` name the same legacy path. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
