import { listUsers } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatUserTable } from "../output/format-admin.js";
import { jsonLine } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/** Prints a page of users. */
export async function runList(options: {
  email?: string;
  page: number;
  perPage: number;
  json?: true;
}): Promise<ExitCode> {
  loadCliEnv();
  const page = await withUserService(({ deps }) =>
    listUsers(
      {
        ...(options.email === undefined ? {} : { emailContains: options.email }),
        page: options.page,
        perPage: options.perPage,
      },
      deps,
    ),
  );
  if (options.json === true) {
    process.stdout.write(jsonLine(page));
    return ExitCode.ok;
  }
  const pages = Math.max(1, Math.ceil(page.total / page.per_page));
  const first = (page.page - 1) * page.per_page + 1;
  const summary =
    page.users.length === 0
      ? `No users on page ${page.page} (${page.total} in all).`
      : `Page ${page.page} of ${pages}: users ${first}-${first + page.users.length - 1} of ${page.total}.`;
  const table = page.users.length === 0 ? "" : `${formatUserTable(page.users)}\n`;
  process.stdout.write(`${table}${summary}\n`);
  return ExitCode.ok;
}
