// What every fault run shares: load around a fault, and the count of acknowledged writes lost.
import { openDatabase, sql } from "@otas/core";
import { startLoad, summarize } from "./load.mjs";

export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the load (`clients` loops, 4 by default) against `url` for `before` ms, then `fault()`
 * (which answers what to report: `health`, `notes`), then `after` ms more; returns the load's
 * records and the fault's report.
 */
export async function underLoad(url, { users, clients, before, after, logFile }, fault) {
  const load = startLoad(url, { users, clients, logFile });
  await pause(before);
  const faultAt = Date.now();
  const report = await fault();
  await pause(after);
  await load.stop();
  return { records: load.records, faultAt, ...report };
}

/**
 * Looks for the load's sign-ups in the database: how many acknowledged ones (answered 200 with
 * the user's id; only those sent from `since` on, when given) are missing or stored with another
 * id, and how many answered a failure were stored all the same.
 */
export async function checkWrites(databaseUrl, records, since = 0) {
  const database = await openDatabase(databaseUrl);
  try {
    const rows = await database.sql.query(sql`SELECT id, email FROM users`);
    const stored = new Map(rows.map((row) => [row.email, row.id]));
    const creates = records.filter((record) => record.kind === "create" && record.sentAt >= since);
    return {
      lost: creates.filter((record) => record.ok && stored.get(record.email) !== record.userId)
        .length,
      failedButStored: creates.filter((record) => !record.ok && stored.has(record.email)).length,
    };
  } finally {
    await database.close();
  }
}

/** One row of the table, from the load's records and what the scenario observed. */
export function row(scenario, database, run, writes, extra = {}) {
  const figures = summarize(run.records);
  return {
    scenario,
    database,
    ...figures,
    lost: writes.lost,
    failedButStored: writes.failedButStored,
    health: run.health ?? "",
    notes: [run.notes, extra.notes].filter(Boolean).join("; "),
  };
}

/**
 * Clients of the locked-table runs: well over the database connections of both workers (5 each
 * by default; token checks of one moment share a query), so the waiting requests hold every
 * connection, as they would in production.
 */
export const LOCKED_CLIENTS = 32;
