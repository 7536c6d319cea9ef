/**
 * @typedef {object} EngineArgs
 * @property {string[]} datamodels schema files (`--datamodels` / `-d`, repeated)
 * @property {import("./datasource.mjs").Datasource | undefined} datasource
 * @property {string | undefined} cliCommand `cli <command>` one-shot subcommand
 * @property {boolean} version
 */

// Flags the native engine takes that change nothing here: preview features are read from the
// schema by the wasm engine itself, and extension types are an experimental opt-in.
const ignoredFlagsWithValue = new Set(["--enabled-preview-features", "--extension-types"]);

/**
 * Parses the arguments Prisma's CLI starts the schema engine with.
 * @param {string[]} argv
 * @returns {EngineArgs}
 */
export function parseArgs(argv) {
  /** @type {EngineArgs} */
  const args = { datamodels: [], datasource: undefined, cliCommand: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`Missing value after ${arg}`);
      return next;
    };
    if (arg === "--datamodels" || arg === "-d") args.datamodels.push(value());
    else if (arg === "--datasource") args.datasource = JSON.parse(value());
    else if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "cli") args.cliCommand = value();
    else if (ignoredFlagsWithValue.has(arg ?? "")) value();
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return args;
}
