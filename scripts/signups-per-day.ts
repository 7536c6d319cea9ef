// Sign-ups per day (UTC) over the last N days, every day listed, as a table or JSON Lines.
//   pnpm script scripts/signups-per-day.ts [--days 30] [--json]
import { parseArgs } from "node:util";
import { instantParam, openUserService, sql } from "@otas/core";
import { formatTable } from "./lib/table.js";

const DAY_MS = 86_400_000;
const { values } = parseArgs({
  options: { days: { type: "string", default: "30" }, json: { type: "boolean", default: false } },
});
const days = Number(values.days);
if (!Number.isInteger(days) || days < 1 || days > 3660) {
  console.error("error: --days must be a whole number from 1 to 3660");
  process.exit(2);
}

const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const since = new Date(today - (days - 1) * DAY_MS);
const users = await openUserService();
try {
  const db = users.database.sql;
  // The UTC day of a timestamp: SQLite keeps ISO 8601 text (`2026-11-25T16:00:00.123000+00:00`).
  const day =
    db.provider === "postgresql"
      ? sql`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
      : sql`substr(created_at, 1, 10)`;
  const rows = await db.query<{ day: string; signups: number | string }>(
    sql`SELECT ${day} AS day, count(*) AS signups FROM users
      WHERE created_at >= ${instantParam(db, since)} GROUP BY 1 ORDER BY 1`,
  );
  const counts = new Map(rows.map((row) => [row.day, Number(row.signups)]));
  const perDay = Array.from({ length: days }, (_, index) => {
    const date = new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10);
    return { day: date, signups: counts.get(date) ?? 0 };
  });
  if (values.json) {
    for (const row of perDay) console.log(JSON.stringify(row));
  } else {
    const total = perDay.reduce((sum, row) => sum + row.signups, 0);
    const table = perDay.map((row): [string, number] => [row.day, row.signups]);
    console.log(formatTable(["day (UTC)", "sign-ups"], [...table, ["total", total]]));
  }
} finally {
  await users.close();
}
