/** A command line that cannot be carried out as written (exit status 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * An import file that cannot be used at all: missing, unreadable, of an unknown format, without
 * the required header, or not valid CSV. The message names the file and what is wrong with it,
 * and never quotes its data (a data row holds a password).
 */
export class BadFileError extends Error {
  override readonly name = "BadFileError";

  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * One line about an unexpected error: its name, code and first message line. Prisma puts the
 * query's arguments (a password hash among them) on later lines, which are dropped.
 */
export function describeUnexpected(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const firstLine = error.message.split("\n").find((line) => line.trim() !== "") ?? "";
  const kind = [error.name === "Error" ? "" : error.name, typeof code === "string" ? code : ""];
  const prefix = kind.filter((part) => part !== "").join(" ");
  return prefix === "" ? firstLine.trim() : `${prefix}: ${firstLine.trim()}`;
}

/**
 * Whether `error` is core's `ConfigError` (a bad environment variable). Checked by name, so that
 * `--help` and usage errors never have to load core and its database drivers.
 */
export function isConfigError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ConfigError";
}
