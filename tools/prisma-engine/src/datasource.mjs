import { mockMigrationAwareAdapterFactory } from "@prisma/driver-adapter-utils";
import { createPostgresAdapterFactory } from "./postgres.mjs";
import {
  canConnectToPostgres,
  createPostgresDatabase,
  dropPostgresDatabase,
} from "./postgres-admin.mjs";
import {
  canConnectToSqlite,
  createSqliteAdapterFactory,
  createSqliteDatabase,
  dropSqliteDatabase,
  resetSqliteDatabase,
} from "./sqlite.mjs";
import { UserFacingError } from "./user-facing-error.mjs";

/**
 * @typedef {{ url?: string; shadowDatabaseUrl?: string }} Datasource
 * The `--datasource` argument: prisma.config.ts's `datasource` block as JSON.
 */

/**
 * @typedef {object} Connector
 * @property {() => import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory} adapterFactory
 * @property {() => Promise<void>} canConnect
 * @property {() => Promise<void>} createDatabase
 * @property {() => Promise<void>} dropDatabase
 * @property {(() => Promise<void>) | undefined} reset replaces the wasm engine's `reset` when set
 */

/**
 * Picks the driver for a datasource by the scheme of its URL.
 * @param {Datasource} datasource
 * @returns {Connector}
 */
export function connectorFor(datasource) {
  const { url, shadowDatabaseUrl } = datasource;
  if (url?.startsWith("file:")) {
    return {
      adapterFactory: () => createSqliteAdapterFactory(url, shadowDatabaseUrl),
      canConnect: () => canConnectToSqlite(url),
      createDatabase: () => createSqliteDatabase(url),
      dropDatabase: () => dropSqliteDatabase(url),
      reset: () => resetSqliteDatabase(url),
    };
  }
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    return {
      adapterFactory: () => createPostgresAdapterFactory(url, shadowDatabaseUrl),
      canConnect: () => canConnectToPostgres(url),
      createDatabase: () => createPostgresDatabase(url),
      dropDatabase: () => dropPostgresDatabase(url),
      reset: undefined,
    };
  }
  const scheme = url ? `"${url.split(":")[0]}:"` : "none";
  throw new UserFacingError(
    "P1013",
    `The offline schema engine supports file: (SQLite) and postgres(ql):// URLs; the datasource URL scheme is ${scheme}.`,
  );
}

/**
 * Without a datasource URL (e.g. `migrate diff --from-empty --to-schema …`) the engine still wants
 * an adapter of the schema's provider; give it one that refuses every query.
 * @param {string | undefined} provider the schema's datasource provider
 * @returns {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory}
 */
export function offlineAdapterFactory(provider) {
  return mockMigrationAwareAdapterFactory(provider === "sqlite" ? "sqlite" : "postgres");
}
