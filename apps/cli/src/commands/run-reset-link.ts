import {
  DomainError,
  parseInput,
  requestPasswordReset,
  requestPasswordResetInput,
} from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/**
 * Issues a reset token for the account with `email` and prints its link, resolving with the
 * exit status: 1 for an invalid or unknown email.
 */
export async function runResetLink(email: string, json: boolean): Promise<ExitCode> {
  loadCliEnv();
  let input: { email: string };
  try {
    input = parseInput(requestPasswordResetInput, { email });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return ExitCode.rejected;
  }
  const reset = await withUserService(({ deps }) => requestPasswordReset(input, deps));
  if (reset === null) {
    process.stderr.write(`user_not_found: no user with email ${visible(input.email)}\n`);
    return ExitCode.rejected;
  }
  const expiresAt = reset.expiresAt.toISOString();
  if (json) {
    const { email: address, id } = reset.user;
    const verdict = { email: address, user_id: id, link: reset.link, expires_at: expiresAt };
    process.stdout.write(jsonLine(verdict));
  } else {
    process.stdout.write(`${reset.link}\n`);
    process.stderr.write(
      `Reset link for ${visible(reset.user.email)} (user ${reset.user.id}): works once, until ${expiresAt}; any earlier link no longer works.\n`,
    );
  }
  return ExitCode.ok;
}
