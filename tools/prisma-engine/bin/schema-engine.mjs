#!/usr/bin/env node
import { parseArgs } from "../src/args.mjs";
import { describeError, prismaErrorCode } from "../src/engine-errors.mjs";
import { logLine } from "../src/log.mjs";
import { runCliCommand, startEngine } from "../src/main.mjs";
import { loadSchemaEngineWasm } from "../src/wasm-engine.mjs";

// Offline stand-in for Prisma's native `schema-engine` binary: the CLI spawns it through
// PRISMA_SCHEMA_ENGINE_BINARY (set by /prisma.config.ts when unset) and it runs the same engine,
// compiled to WebAssembly, over driver adapters. Exit code 1 with an ERROR log line on failure.

try {
  const args = parseArgs(process.argv.slice(2));
  const wasm = await loadSchemaEngineWasm();
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${wasm.version()}\n`);
  } else {
    // The CLI skips the first stderr line of one-shot commands, as the native engine starts with one.
    logLine("INFO", `Starting schema engine (wasm ${wasm.version()}, offline stand-in)`);
    if (args.cliCommand) await runCliCommand(args);
    else await startEngine(args, wasm);
  }
  process.exit(0);
} catch (error) {
  logLine("ERROR", describeError(error), prismaErrorCode(error));
  process.exit(1);
}
