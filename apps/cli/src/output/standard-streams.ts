/** Thrown to stop a command that streams to stdout once its reader has gone away. */
export class OutputClosedError extends Error {
  override readonly name = "OutputClosedError";
}

/** Why stdout failed, once it has: EPIPE when its reader went away (`otas-users … | head -3`). */
let stdoutFailure: string | undefined;

/**
 * Makes a failing stdout or stderr an ordinary condition instead of an unhandled `error` event
 * that kills the process with a stack trace. Nothing more is written to a stream that failed;
 * a command streaming to stdout learns of it through {@link writeOut}.
 */
export function watchStandardStreams(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    stdoutFailure ??= error.code ?? "unknown error";
  });
  // Nothing is left to tell a failure of stderr to.
  process.stderr.on("error", () => {});
}

/** The code stdout failed with (EPIPE: its reader went away), if it did. */
export function stdoutFailed(): string | undefined {
  return stdoutFailure;
}

/** Writes `text` to stdout; throws {@link OutputClosedError} once stdout has failed. */
export function writeOut(text: string): void {
  if (stdoutFailure !== undefined) {
    throw new OutputClosedError(`standard output failed (${stdoutFailure})`);
  }
  process.stdout.write(text);
}
