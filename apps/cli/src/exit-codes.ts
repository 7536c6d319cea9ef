/** Exit statuses of otas-users, as `otas-users --help` documents them. */
export const ExitCode = {
  /** Everything asked for was done (for import: every row is created or already exists). */
  ok: 0,
  /** Input was rejected (a validation code, an invalid token, an unknown user, an invalid row). */
  rejected: 1,
  /** The command line, the configuration or the import file itself is unusable. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
