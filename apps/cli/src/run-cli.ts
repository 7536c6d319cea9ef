import { CommanderError } from "@commander-js/extra-typings";
import { BadFileError, describeUnexpected, isConfigError, UsageError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import { buildProgram } from "./program.js";

/**
 * Runs otas-users on `argv` and resolves with the exit status; it never throws. Commands set
 * `process.exitCode` themselves (their rejections, such as a contract code, are ordinary
 * results); whatever they throw is reported here, in one place, as one line on stderr, without a
 * stack trace: the causes a user can act on are all named in the message.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? ExitCode.ok);
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the message or the help text; 0 means help or the version
    // was asked for.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UsageError || error instanceof BadFileError || isConfigError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
    return ExitCode.usage;
  }
  // Unexpected (e.g. the database is unreachable). Prisma's messages can quote query arguments,
  // so only the error's name, code and first line are shown.
  process.stderr.write(`error: ${describeUnexpected(error)}\n`);
  return ExitCode.rejected;
}
