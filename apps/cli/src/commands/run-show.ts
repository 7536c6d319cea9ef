import { findUser } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatAdminUser } from "../output/format-admin.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/** Prints one user, or `user_not_found` on stderr (exit 1). */
export async function runShow(email: string, json: boolean): Promise<ExitCode> {
  loadCliEnv();
  const details = await withUserService(({ deps }) => findUser({ email }, deps));
  if (details === null) {
    process.stderr.write(`user_not_found: no user has the email ${visible(email.trim())}\n`);
    return ExitCode.rejected;
  }
  process.stdout.write(
    json ? jsonLine(details) : `${formatAdminUser(details.user, details.references)}\n`,
  );
  return ExitCode.ok;
}
