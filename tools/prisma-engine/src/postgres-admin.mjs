import pg from "pg";
import { runOnServer } from "./postgres.mjs";
import { UserFacingError } from "./user-facing-error.mjs";

/**
 * The pieces of a PostgreSQL URL that error messages and admin statements need.
 * @param {string} url
 */
function describe(url) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.slice(1)) || "postgres";
  const server = `${parsed.hostname}:${parsed.port || "5432"}`;
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  return { database, server, maintenanceUrl: maintenance.href };
}

/**
 * Translates pg's connection errors into the codes the CLI reacts to (P1003 makes it offer to
 * create the database).
 * @param {unknown} error
 * @param {string} url
 * @returns {unknown}
 */
function toUserFacing(error, url) {
  const { database, server } = describe(url);
  const code = /** @type {{ code?: string }} */ (error)?.code;
  if (code === "3D000") {
    return new UserFacingError(
      "P1003",
      `Database \`${database}\` does not exist on the database server at \`${server}\`.`,
    );
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT") {
    return new UserFacingError("P1001", `Can't reach database server at \`${server}\``);
  }
  if (code === "28P01" || code === "28000") {
    return new UserFacingError(
      "P1000",
      `Authentication failed against database server at \`${server}\`.`,
    );
  }
  return error;
}

/**
 * `cli can-connect-to-database`.
 * @param {string} url
 */
export async function canConnectToPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw toUserFacing(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * `cli create-database`: creates the URL's database, connected to the `postgres` database.
 * @param {string} url
 */
export async function createPostgresDatabase(url) {
  const { database, maintenanceUrl } = describe(url);
  await runOnServer(maintenanceUrl, `CREATE DATABASE ${pg.escapeIdentifier(database)}`).catch(
    (error) => {
      throw toUserFacing(error, url);
    },
  );
}

/**
 * `cli drop-database`.
 * @param {string} url
 */
export async function dropPostgresDatabase(url) {
  const { database, maintenanceUrl } = describe(url);
  await runOnServer(
    maintenanceUrl,
    `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`,
  ).catch((error) => {
    throw toUserFacing(error, url);
  });
}
