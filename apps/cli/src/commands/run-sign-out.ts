import { signOutUser } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/** Signs a user out everywhere, or prints `user_not_found` on stderr (exit 1). */
export async function runSignOut(email: string, json: boolean): Promise<ExitCode> {
  loadCliEnv();
  const done = await withUserService(({ deps }) => signOutUser({ email }, deps));
  if (done === null) {
    process.stderr.write(`user_not_found: no user has the email ${visible(email.trim())}\n`);
    return ExitCode.rejected;
  }
  const notBefore = done.notBefore.toISOString();
  const { user, endedSessions } = done;
  process.stdout.write(
    json
      ? jsonLine({ user, ended_sessions: endedSessions, not_before: notBefore })
      : `Signed ${visible(user.email)} out everywhere: ${endedSessions} ${endedSessions === 1 ? "session" : "sessions"} ended; tokens without a session issued before ${notBefore} are refused.\n`,
  );
  return ExitCode.ok;
}
