import { CommanderError } from "@commander-js/extra-typings";
import { BadFileError, describeUnexpected, isConfigError, UsageError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import {
  OutputClosedError,
  stdoutFailed,
  watchStandardStreams,
} from "./output/standard-streams.js";
import { visible } from "./output/terminal-text.js";
import { buildProgram } from "./program.js";

/**
 * Runs otas-users on `argv` and resolves with the exit status; it never throws. Commands set
 * `process.exitCode` themselves (their rejections, such as a contract code, are ordinary
 * results); whatever they throw is reported here, in one place, as one line on stderr, without a
 * stack trace: the causes a user can act on are all named in the message. A stdout whose reader
 * went away (`… | head -3`) is no failure to report: the command stops writing (an import stops
 * after the rows under way, exit 1) and otas-users exits quietly; another failure of stdout (a
 * full disk) is reported, exit 1.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  watchStandardStreams();
  const program = buildProgram();
  let status: number;
  try {
    await program.parseAsync(argv);
    status = Number(process.exitCode ?? ExitCode.ok);
  } catch (error) {
    status = reportFailure(error);
  }
  const failure = stdoutFailed();
  if (failure === undefined || failure === "EPIPE") return status;
  process.stderr.write(`error: cannot write to standard output (${failure})\n`);
  return ExitCode.rejected;
}

function reportFailure(error: unknown): number {
  // A command stopped because stdout failed: runCli says why, if anything is worth saying.
  if (error instanceof OutputClosedError) return ExitCode.rejected;
  if (error instanceof CommanderError) {
    // Commander has already printed the message or the help text; 0 means help or the version
    // was asked for.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UsageError || error instanceof BadFileError || isConfigError(error)) {
    process.stderr.write(`error: ${visible(error.message)}\n`);
    return ExitCode.usage;
  }
  // Unexpected (e.g. the database is unreachable). Prisma's messages can quote query arguments,
  // so only the error's name, code and first line are shown.
  process.stderr.write(`error: ${visible(describeUnexpected(error))}\n`);
  return ExitCode.rejected;
}
