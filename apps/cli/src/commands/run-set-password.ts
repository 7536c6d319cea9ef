import { DomainError, setUserPassword } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { visible } from "../output/terminal-text.js";
import { readNewPassword } from "../read-password.js";
import { withUserService } from "../user-service.js";

/**
 * Sets a user's password from the prompt or stdin. A rejected password prints the contract's
 * code (`missing_password`, `password_too_short`) and exits 1, like an unknown email.
 */
export async function runSetPassword(email: string): Promise<ExitCode> {
  loadCliEnv();
  const password = await readNewPassword();
  try {
    const user = await withUserService(({ deps }) => setUserPassword({ email, password }, deps));
    if (user === null) {
      process.stderr.write(`user_not_found: no user has the email ${visible(email.trim())}\n`);
      return ExitCode.rejected;
    }
    process.stdout.write(
      `Password set for ${visible(user.email)} (updated_at ${user.updated_at}); every session of the user ended.
`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return ExitCode.rejected;
  }
}
