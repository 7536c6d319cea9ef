import { userSessions } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatSessions } from "../output/format-sessions.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/** Prints a user's live sessions, or `user_not_found` on stderr (exit 1). */
export async function runSessions(email: string, json: boolean): Promise<ExitCode> {
  loadCliEnv();
  const found = await withUserService(({ deps }) => userSessions({ email }, deps));
  if (found === null) {
    process.stderr.write(`user_not_found: no user has the email ${visible(email.trim())}\n`);
    return ExitCode.rejected;
  }
  const { user, total, sessions, notBefore } = found;
  process.stdout.write(
    json
      ? jsonLine({ user, total, sessions, not_before: notBefore?.toISOString() ?? null })
      : `${formatSessions(found)}\n`,
  );
  return ExitCode.ok;
}
