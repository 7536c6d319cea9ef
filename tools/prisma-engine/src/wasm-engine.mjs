import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The package exports neither package.json nor the .wasm file, so locate them beside its glue.
const packageDir = path.dirname(
  fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
);

/** @type {Promise<typeof import("@prisma/schema-engine-wasm")> | undefined} */
let loading;

/**
 * Loads @prisma/schema-engine-wasm.
 *
 * The package's entry imports the .wasm file as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules, so the glue module is wired to the instance by hand instead.
 * @returns {Promise<typeof import("@prisma/schema-engine-wasm")>}
 */
export function loadSchemaEngineWasm() {
  loading ??= (async () => {
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    /** @type {{ __wbindgen_start(): void }} */ (
      /** @type {unknown} */ (instance.exports)
    ).__wbindgen_start();
    return /** @type {typeof import("@prisma/schema-engine-wasm")} */ (bindings);
  })();
  return loading;
}
