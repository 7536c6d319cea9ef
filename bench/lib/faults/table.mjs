// The fault table, as Markdown.

const cell = (value) => String(value ?? "").replaceAll("|", "\\|");

/** The table of `rows` with what they were measured on and how. */
export function renderFaultTable(rows, { machine, settings, smoke, logDir, minutes }) {
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}; load average ${machine.loadAverage.toFixed(1)} as the run started (above the core count, other work shared the cores); the run took ${minutes.toFixed(1)} minutes.${smoke ? " Smoke run: figures meaningless." : ""}`,
    `Each row: the production command (NODE_ENV=production, 2 workers, bcrypt cost 4) under 4 clients looping sign-up, token check, login, token check over keep-alive connections (closed after 250 ms idle; 32 clients for the locked table, so that waiting requests hold every database connection), ${settings.before / 1000} s before the fault and ${settings.after / 1000} s after it. Failed: no answer, or not 200. Error window: first to last failed request. Acknowledged writes lost: sign-ups answered 200 that are not in the database afterwards (for the mail row: reset mails the users were told about that never arrived). Failed but stored: sign-ups answered with a failure that were stored all the same. /healthz: the worst of two or three probes during the fault, each on a connection of its own (20 s at most). Every request's log: ${logDir}.`,
    "",
    "| Fault | DB | requests | failed | error window s | slowest ms | acknowledged writes lost | failed but stored | /healthz during it | notes |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const row of rows) {
    if (row.skipped !== undefined) {
      lines.push(
        `| ${cell(row.scenario)} | ${cell(row.database)} | | | | | | | | ${cell(row.skipped)} |`,
      );
      continue;
    }
    const failed =
      row.requests === 0
        ? "0"
        : `${row.failed} (${((100 * row.failed) / row.requests).toFixed(1)}%)`;
    lines.push(
      `| ${cell(row.scenario)} | ${row.database} | ${row.requests} | ${failed} | ${row.errorSeconds.toFixed(1)} | ${row.slowestMs} | ${row.lost} | ${row.failedButStored} | ${cell(row.health)} | ${cell(row.notes)} |`,
    );
  }
  const reasons = rows.filter((row) => row.reasons);
  if (reasons.length > 0) {
    lines.push("", "What the failures were:", "");
    for (const row of reasons) lines.push(`- ${row.scenario}: ${row.reasons}`);
  }
  return lines.join("\n");
}
