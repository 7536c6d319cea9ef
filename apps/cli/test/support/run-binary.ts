import { fileURLToPath } from "node:url";
import { type Finished, runProcess } from "@otas/core/testing";

export { jsonLines } from "@otas/core/testing";

/** The built binary, as `pnpm build` leaves it. */
export const BINARY = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** What a finished `otas-users` process left behind. */
export type RunResult = Finished;

/**
 * Runs `node dist/main.js ...args` with exactly `env` (plus PATH) and `stdin` as its standard
 * input (empty when not given: a pipe, never a terminal).
 */
export function runBinary(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<RunResult> {
  return runProcess(process.execPath, [BINARY, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdin: options.stdin,
  });
}
