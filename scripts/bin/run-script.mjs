#!/usr/bin/env node
// `pnpm script <file> [args…]` from the repository root: runs an internal script (TypeScript
// through tsx, or JavaScript) with the environment the server reads. It first builds
// @otas/core when its sources changed (quietly: turbo's output shows only when the build
// fails), then checks the settings the way the server and otas-users do: a bad DATABASE_URL,
// JWT_SECRET, BCRYPT_ROUNDS, … stops it with a message naming the variable (exit 2) before the
// script runs. The script's exit status and signals pass through.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const USAGE =
  "usage: pnpm script <file.ts|.mjs|.js> [arguments…]   (e.g. pnpm script scripts/signups-per-day.ts)";

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

const [file, ...args] = process.argv.slice(2);
if (file === undefined || file === "--help" || file === "-h") {
  process.stderr.write(`${USAGE}\n`);
  process.exit(file === undefined ? 2 : 0);
}
// pnpm runs root scripts in the root; INIT_CWD is where the command was typed.
const script = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!existsSync(script) || !statSync(script).isFile()) fail(`no such script: ${file}`);

const root = fileURLToPath(new URL("../../", import.meta.url));
const turbo = path.join(root, "node_modules/.bin/turbo");
if (existsSync(path.join(root, "turbo.json")) && existsSync(turbo)) {
  const build = spawnSync(
    turbo,
    ["run", "build", "--filter=@otas/core", "--output-logs=errors-only", "--log-order=grouped"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
    fail("building @otas/core failed (see above)");
  }
}

const { ConfigError, coreEnvSchema, parseEnv, refineCoreEnv } = await import("@otas/core");
try {
  parseEnv(coreEnvSchema.superRefine(refineCoreEnv), process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), script, ...args], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
