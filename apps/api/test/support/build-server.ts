import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Vitest global setup: the process tests spawn `dist/server.js`, so compile it first when any
 * source file is newer than it (turbo's `test` task only builds the dependencies).
 */
export default function buildServerWhenStale(): void {
  const server = path.join(apiDir, "dist/server.js");
  let builtAt = 0;
  try {
    builtAt = statSync(server).mtimeMs;
  } catch {
    builtAt = 0;
  }
  if (builtAt >= newestMtime(path.join(apiDir, "src"))) return;
  execFileSync("pnpm", ["exec", "tsc", "-p", "tsconfig.build.json"], {
    cwd: apiDir,
    stdio: "inherit",
  });
}
