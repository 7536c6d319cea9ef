import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "../db/database-url.js";

/**
 * Runs one SQL statement on a database URL with the plain driver and returns its rows; for tests
 * that inspect or tamper with a database behind Prisma's back.
 */
export async function querySql(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const database = parseDatabaseUrl(url);
  if (database.provider === "sqlite") {
    const db = new BetterSqlite3(database.filename, { fileMustExist: true });
    try {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all() as Record<string, unknown>[];
      statement.run();
      return [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Column names of a table, in declaration order. */
export async function tableColumns(url: string, table: string): Promise<string[]> {
  const sql =
    parseDatabaseUrl(url).provider === "sqlite"
      ? `SELECT name FROM pragma_table_info('${table}')`
      : `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`;
  return (await querySql(url, sql)).map((row) => String(row.name));
}
