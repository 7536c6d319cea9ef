import { readFile } from "node:fs/promises";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { connectorFor, offlineAdapterFactory } from "./datasource.mjs";
import { logLine } from "./log.mjs";
import { serveJsonRpc } from "./rpc-server.mjs";

/**
 * Runs `cli can-connect-to-database | create-database | drop-database`.
 * @param {import("./args.mjs").EngineArgs} args
 */
export async function runCliCommand(args) {
  const connector = connectorFor(args.datasource ?? {});
  const commands = {
    "can-connect-to-database": connector.canConnect,
    "create-database": connector.createDatabase,
    "drop-database": connector.dropDatabase,
  };
  const command = commands[/** @type {keyof typeof commands} */ (args.cliCommand)];
  if (!command) throw new Error(`Unknown cli command: ${args.cliCommand}`);
  await command();
}

/**
 * Starts the wasm engine on the datasource's adapter and serves JSON-RPC until stdin closes.
 * @param {import("./args.mjs").EngineArgs} args
 * @param {typeof import("@prisma/schema-engine-wasm")} wasm
 */
export async function startEngine(args, wasm) {
  const datamodels = await Promise.all(
    args.datamodels.map(
      async (path) => /** @type {[string, string]} */ ([path, await readFile(path, "utf8")]),
    ),
  );
  const connector = args.datasource?.url ? connectorFor(args.datasource) : undefined;
  const factory = connector
    ? connector.adapterFactory()
    : offlineAdapterFactory(schemaProvider(datamodels));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await wasm.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    forwardEngineLog,
    adapter,
  );
  const replacements = connector?.reset ? { reset: connector.reset } : {};
  await serveJsonRpc(engine, adapter.errorRegistry, replacements);
}

/**
 * @param {[string, string][]} datamodels
 * @returns {string | undefined}
 */
function schemaProvider(datamodels) {
  for (const [, content] of datamodels) {
    const match = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(content);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The wasm engine logs JSON lines shaped like the native engine's; pass them on to the CLI.
 * @param {unknown} line
 */
function forwardEngineLog(line) {
  const text = String(line);
  if (text.startsWith("{")) process.stderr.write(`${text}\n`);
  else logLine("INFO", text);
}
