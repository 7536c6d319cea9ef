import { createInterface } from "node:readline/promises";
import { deleteUser, normalizeEmail } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { UsageError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { formatReferences } from "../output/format-admin.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/**
 * Deletes a user after confirmation (typing the email again on a terminal, or `--yes`). A user
 * still referenced is refused with the referencing rows named, and nothing is deleted.
 */
export async function runDelete(
  email: string,
  options: { yes?: true; json?: true },
): Promise<ExitCode> {
  loadCliEnv();
  if (options.yes !== true) await confirm(email);
  const result = await withUserService(({ deps }) => deleteUser({ email }, deps));
  if (options.json === true) process.stdout.write(jsonLine(result));
  if (result.outcome === "deleted") {
    if (options.json !== true)
      process.stdout.write(`Deleted ${visible(result.user.email)} (${result.user.id}).\n`);
    return ExitCode.ok;
  }
  if (result.outcome === "not_found") {
    process.stderr.write(
      `user_not_found: no user has the email ${visible(normalizeEmail(email))}\n`,
    );
  } else {
    process.stderr.write(
      `user_referenced: ${visible(result.user.email)} is still referenced by ${formatReferences(result.references)}; nothing was deleted\n`,
    );
  }
  return ExitCode.rejected;
}

async function confirm(email: string): Promise<void> {
  if (process.stdin.isTTY !== true) {
    throw new UsageError(
      "delete asks for confirmation on a terminal; pass --yes to delete without",
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const typed = await prompt.question(
      `Type the email again to delete ${visible(normalizeEmail(email))}: `,
    );
    if (normalizeEmail(typed) !== normalizeEmail(email)) {
      throw new UsageError("the email typed differs; nothing was deleted");
    }
  } finally {
    prompt.close();
  }
}
