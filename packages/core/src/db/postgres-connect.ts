import type pg from "pg";

/**
 * The pg driver, loaded by the processes that use PostgreSQL only (an SQLite process never
 * loads it: it is a few MB of heap).
 */
export async function loadPg(): Promise<typeof pg> {
  return (await import("pg")).default;
}

const UNDEFINED_DATABASE = "3D000";
/** `duplicate_database`, or a unique violation on pg_database when two CREATEs race. */
const DATABASE_EXISTS = new Set(["42P04", "23505"]);

/** Quotes a PostgreSQL identifier. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function createDatabase(url: string, name: string): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const { Client } = await loadPg();
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } catch (error) {
    // Another process starting at the same time created it first: that is what we wanted.
    if (!DATABASE_EXISTS.has((error as { code?: string }).code ?? "")) throw error;
  } finally {
    await admin.end();
  }
}

/**
 * A connected client for `url`, creating the database first when it does not exist yet (as
 * `prisma migrate deploy` does), so a first start on an empty server needs no manual step.
 */
export async function connectCreatingDatabase(url: string): Promise<pg.Client> {
  const { Client } = await loadPg();
  const connect = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  };
  try {
    return await connect();
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    await createDatabase(url, name);
    return connect();
  }
}
