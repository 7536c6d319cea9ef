#!/usr/bin/env node
// The otas-users command as `pnpm otas-users …` runs it from the repository root (the root
// package depends on @otas/cli, so pnpm finds this bin and runs it without a script banner).
// In a checkout it first builds the CLI and what it depends on, quietly: turbo's output goes to
// stderr, so the command's stdout (e.g. --json) stays clean. Then it runs the built program.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const turbo = `${root}node_modules/.bin/turbo`;
if (existsSync(`${root}turbo.json`) && existsSync(turbo)) {
  const build = spawnSync(
    turbo,
    ["run", "build", "--filter=@otas/cli", "--output-logs=errors-only", "--log-order=grouped"],
    { cwd: root, stdio: ["ignore", 2, 2] },
  );
  if (build.status !== 0) {
    process.stderr.write("error: building otas-users failed (see above)\n");
    process.exit(build.status ?? 1);
  }
}
await import("../dist/main.js");
