import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Compiles the package before any test runs, so `pnpm test` never exercises a stale dist/
 * (turbo's test task builds dependencies, not the package itself).
 */
export default function buildOnce(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const packageDir = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: packageDir,
    stdio: "inherit",
  });
}
