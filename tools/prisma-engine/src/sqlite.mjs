import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { overrideMethods, withMissingMigrationsTableAsEmpty } from "./adapter-proxy.mjs";
import { UserFacingError } from "./user-facing-error.mjs";

/**
 * The file a `file:` URL names, resolved against the working directory like the native engine
 * does (the CLI starts the engine in the folder of prisma.config.ts). Query parameters, which only
 * the native engine understands, are dropped.
 * @param {string} url
 * @returns {string}
 */
export function sqliteFilename(url) {
  const filename = url.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(filename);
}

/**
 * A migration-aware adapter factory for SQLite through better-sqlite3.
 * @param {string} url
 * @param {string | undefined} shadowDatabaseUrl
 * @returns {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory}
 */
export function createSqliteAdapterFactory(url, shadowDatabaseUrl) {
  const shadowUrl = shadowDatabaseUrl ? `file:${sqliteFilename(shadowDatabaseUrl)}` : ":memory:";
  const factory = new PrismaBetterSqlite3(
    { url: `file:${sqliteFilename(url)}` },
    { shadowDatabaseUrl: shadowUrl },
  );
  return overrideMethods(factory, {
    connect: async () =>
      withScriptFallback(withMissingMigrationsTableAsEmpty(await factory.connect())),
    connectToShadowDb: async () =>
      withScriptFallback(withMissingMigrationsTableAsEmpty(await factory.connectToShadowDb())),
  });
}

/**
 * Gap 2: the engine replays migrations on the shadow database with `executeRaw`, and better-sqlite3
 * refuses to prepare more than one statement at once. Run such scripts with `executeScript`.
 * @param {import("@prisma/driver-adapter-utils").SqlDriverAdapter} adapter
 * @returns {import("@prisma/driver-adapter-utils").SqlDriverAdapter}
 */
function withScriptFallback(adapter) {
  /** @param {import("@prisma/driver-adapter-utils").SqlQuery} query */
  const executeRaw = async (query) => {
    try {
      return await adapter.executeRaw(query);
    } catch (error) {
      const multiStatement =
        error instanceof RangeError && /more than one statement/.test(error.message);
      if (!multiStatement || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return overrideMethods(adapter, { executeRaw });
}

/**
 * `cli can-connect-to-database`: a missing file is P1003, which makes the CLI create it.
 * @param {string} url
 */
export async function canConnectToSqlite(url) {
  const filename = sqliteFilename(url);
  if (!existsSync(filename)) {
    throw new UserFacingError(
      "P1003",
      `Database \`${path.basename(filename)}\` does not exist at \`${filename}\`.`,
    );
  }
  new Database(filename, { fileMustExist: true }).prepare("SELECT 1").get();
}

/**
 * `cli create-database`: creates the file and its folder.
 * @param {string} url
 */
export async function createSqliteDatabase(url) {
  const filename = sqliteFilename(url);
  mkdirSync(path.dirname(filename), { recursive: true });
  new Database(filename).close();
}

/**
 * `cli drop-database`: removes the file with its WAL side files.
 * @param {string} url
 */
export async function dropSqliteDatabase(url) {
  const filename = sqliteFilename(url);
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    rmSync(`${filename}${suffix}`, { force: true });
}

/**
 * Gap 5 (found while testing `migrate reset`): the wasm engine's reset lists SQLite's tables but
 * drops none. The native engine deletes the file; dropping every user object on the open file has
 * the same effect without pulling the file from under the engine's connection.
 * @param {string} url
 */
export async function resetSqliteDatabase(url) {
  const db = new Database(sqliteFilename(url));
  try {
    db.pragma("foreign_keys = OFF");
    const objects = /** @type {{ type: string; name: string }[]} */ (
      db
        .prepare(
          "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table'",
        )
        .all()
    );
    db.transaction(() => {
      for (const { type, name } of objects) {
        db.exec(
          `DROP ${type === "view" ? "VIEW" : "TABLE"} IF EXISTS "${name.replaceAll('"', '""')}"`,
        );
      }
    })();
  } finally {
    db.close();
  }
}
