import { createInterface } from "node:readline";
import { toRpcError } from "./engine-errors.mjs";

/**
 * JSON-RPC method names of the native engine that the wasm engine names differently.
 * @type {Record<string, string>}
 */
const renamedMethods = { getDatabaseVersion: "version" };

const wasmMethods = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "diff",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
  "version",
]);

/** Methods that read the schema of the migrations folder from the engine's cache only. */
const needsMigrationSchema = new Set(["evaluateDataLoss", "createMigration"]);

/**
 * Gap 6: the wasm engine's `evaluateDataLoss` and `createMigration` get no shadow database; they
 * rely on the migrations' schema that an earlier shadow replay (`devDiagnostic`) cached in the
 * same engine. The CLI restarts the engine after applying pending migrations in `migrate dev`, so
 * the cache is empty there ("shadow DB must be provided through an external factory"). Replaying
 * once through `diagnoseMigrationHistory`, which may use the shadow database, fills it (and is a
 * cache hit when it is already warm).
 * @param {import("@prisma/schema-engine-wasm").SchemaEngine} engine
 * @param {unknown} params
 */
async function warmMigrationSchemaCache(engine, params) {
  const { migrationsList, filters } =
    /** @type {import("@prisma/schema-engine-wasm").EvaluateDataLossInput} */ (params);
  // A failure here resurfaces, better explained, from the request itself.
  await engine
    .diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true })
    .catch(() => {});
}

/**
 * Serves the native engine's JSON-RPC protocol on stdin/stdout (one JSON object per line) until
 * the CLI closes stdin, forwarding each request to the wasm engine one at a time.
 * @param {import("@prisma/schema-engine-wasm").SchemaEngine} engine
 * @param {import("@prisma/driver-adapter-utils").ErrorRegistry} errorRegistry
 * @param {Record<string, () => Promise<unknown>>} replacements methods answered here instead
 * @returns {Promise<void>} resolves once stdin is closed and every request is answered
 */
export function serveJsonRpc(engine, errorRegistry, replacements) {
  /** @type {Map<number, () => void>} */
  const awaitingAck = new Map();
  let nextOutgoingId = 1_000_000;
  let queue = Promise.resolve();

  /** @param {object} message */
  const send = (message) =>
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);

  // The native engine hands `migrate diff` output to the CLI with a `print` request and waits
  // for the acknowledgement; the wasm engine returns it as `stdout` instead.
  /** @param {string} content */
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextOutgoingId++;
      awaitingAck.set(id, () => resolve(undefined));
      send({ id, method: "print", params: { content: content.replace(/\n$/, "") } });
    });

  /** @param {{ id: number; method: string; params?: unknown }} request */
  const handle = async ({ id, method, params }) => {
    const wasmMethod = renamedMethods[method] ?? method;
    if (!wasmMethods.has(wasmMethod)) {
      send({ id, error: { code: -32601, message: `Method not found: ${method}` } });
      return;
    }
    try {
      const replacement = replacements[wasmMethod];
      if (needsMigrationSchema.has(wasmMethod)) await warmMigrationSchemaCache(engine, params);
      const call = /** @type {Record<string, (p: unknown) => Promise<unknown>>} */ (
        /** @type {unknown} */ (engine)
      );
      let result = replacement
        ? await replacement()
        : await call[wasmMethod]?.(params ?? undefined);
      if (wasmMethod === "diff" && result && typeof result === "object" && "stdout" in result) {
        const { stdout, ...rest } = /** @type {{ stdout?: string }} */ (result);
        if (stdout) await print(stdout);
        result = rest;
      }
      send({ id, result: result ?? null });
    } catch (error) {
      send({ id, error: toRpcError(error, errorRegistry) });
    }
  };

  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => {
      if (line.trim() === "") return;
      const message = JSON.parse(line);
      if (message.method === undefined) {
        awaitingAck.get(message.id)?.();
        awaitingAck.delete(message.id);
        return;
      }
      queue = queue.then(() => handle(message));
    });
    lines.on("close", () => {
      queue.then(() => resolve());
    });
  });
}
