import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The monorepo root: src/testing (or dist/testing) is three levels below it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Runs the real Prisma CLI from the repository root (so it loads /prisma.config.ts and, offline,
 * the stand-in schema engine) against a database URL. Resolves with its output, whatever the exit
 * code, for tests to assert on.
 */
export async function runPrismaCli(
  args: string[],
  databaseUrl: string,
): Promise<{ exitCode: number; output: string }> {
  const cli = path.join(repoRoot, "node_modules", "prisma", "build", "index.js");
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: "1", CI: "1" },
    });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}
