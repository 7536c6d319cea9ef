import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { overrideMethods, withMissingMigrationsTableAsEmpty } from "./adapter-proxy.mjs";

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * Gap 3: the engine's schema describer selects PostgreSQL's internal `"char"` columns (oid 18)
 * from pg_catalog, which @prisma/adapter-pg refuses as an unsupported type. Their text form is
 * the character itself, so report them as `text`.
 */
class CharAsTextClient extends pg.Client {
  /** @type {pg.Client["query"]} */
  // @ts-expect-error pg's overloads cannot be re-declared in JSDoc; the arguments are passed through.
  query(config, values, callback) {
    if (typeof values === "function" || typeof callback === "function") {
      const done = typeof values === "function" ? values : callback;
      const args = typeof values === "function" ? [config] : [config, values];
      // @ts-expect-error see above
      return super.query(...args, (error, result) => done(error, error ? result : retype(result)));
    }
    const pending = super.query(config, values);
    return pending && typeof pending.then === "function" ? pending.then(retype) : pending;
  }
}

/**
 * @template {{ fields?: { dataTypeID: number }[] }} R
 * @param {R} result
 * @returns {R}
 */
function retype(result) {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/**
 * @param {string} url
 * @returns {pg.PoolConfig}
 */
function poolConfig(url) {
  return { connectionString: url, Client: CharAsTextClient };
}

/**
 * A migration-aware adapter factory for PostgreSQL through pg.
 * @param {string} url
 * @param {string | undefined} shadowDatabaseUrl
 * @returns {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory}
 */
export function createPostgresAdapterFactory(url, shadowDatabaseUrl) {
  const factory = new PrismaPg(poolConfig(url));
  return overrideMethods(factory, {
    connect: async () => withMissingMigrationsTableAsEmpty(await factory.connect()),
    connectToShadowDb: async () =>
      shadowDatabaseUrl
        ? withMissingMigrationsTableAsEmpty(
            await new PrismaPg(poolConfig(shadowDatabaseUrl)).connect(),
          )
        : connectToTemporaryShadowDatabase(url),
  });
}

/**
 * Gap 4: adapter-pg's own helper keeps the connection string (whose database name wins over the
 * one it sets, so it would use the real database) and drops the temporary database before closing
 * its pool. Create the database here, point the URL at it, and drop it after the pool is closed.
 * @param {string} url
 * @returns {Promise<import("@prisma/driver-adapter-utils").SqlDriverAdapter>}
 */
async function connectToTemporaryShadowDatabase(url) {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runOnServer(url, `CREATE DATABASE "${name}"`);
  const shadowUrl = new URL(url);
  shadowUrl.pathname = `/${name}`;
  const adapter = await new PrismaPg(poolConfig(shadowUrl.href)).connect();
  const dispose = async () => {
    await adapter.dispose();
    await runOnServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return withMissingMigrationsTableAsEmpty(overrideMethods(adapter, { dispose }));
}

/**
 * Runs one statement on its own short-lived connection.
 * @param {string} url
 * @param {string} sql
 */
export async function runOnServer(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
