import { fileURLToPath } from "node:url";
import { type Finished, runProcess } from "@otas/core/testing";

export { type Finished, jsonLines } from "@otas/core/testing";

/** The repository's root, where `pnpm script …` is typed. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs `command args…` in `cwd` with exactly `env` (plus PATH and HOME) and `stdin` as its input.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<Finished> {
  return runProcess(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
    stdin: options.stdin,
  });
}

/** `pnpm script <file> args…` from the repository root, as the README says to run a script. */
export function pnpmScript(
  file: string,
  args: readonly string[] = [],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<Finished> {
  return run("pnpm", ["--silent", "script", file, ...args], options);
}
