import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root, where `pnpm script …` is typed. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What a finished command left behind. */
export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args…` in `cwd` with exactly `env` (plus PATH and HOME) and `stdin` as its input.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<Finished> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.on("error", () => {}); // the child may exit without reading its input
  child.stdin.end(options.stdin ?? "");
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
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

/** The JSON values of a JSON Lines text. */
export function jsonLines(text: string): unknown[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}
