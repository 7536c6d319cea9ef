import { databaseStatus } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatStatus } from "../output/format-status.js";
import { jsonLine } from "../output/terminal-text.js";

/** Prints the database's status and resolves with the exit status `db status --help` states. */
export async function runDbStatus(json: boolean): Promise<ExitCode> {
  const env = loadCliEnv();
  const status = await databaseStatus({ url: env.DATABASE_URL, bcryptRounds: env.BCRYPT_ROUNDS });
  process.stdout.write(json ? jsonLine(status) : `${formatStatus(status)}\n`);
  const refused =
    status.users_table.state === "incompatible" || status.migrations.failed.length > 0;
  return refused ? ExitCode.rejected : ExitCode.ok;
}
