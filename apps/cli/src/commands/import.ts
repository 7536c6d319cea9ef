import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { fileFormats } from "../import/file-format.js";
import { DEFAULT_THREAD_POOL_SIZE } from "../thread-pool.js";

const IMPORT_HELP = `
File formats (by extension, or --format):
  .csv             a header row naming the columns first_name,middle_name,last_name,email,password
                   (any order; middle_name may be left out), then one user per row; an empty
                   cell counts as a missing field
  .jsonl, .ndjson  one JSON object per line with the same keys, as the REST API takes them

Every row gets an outcome: created, exists (the email is taken, so a second run of the same file
creates nothing) or invalid with the contract's code (e.g. invalid_email_format,
missing_fields: password, invalid_json for a line that is not JSON, wrong_column_count); failed
means an unexpected error (e.g. the database went away). "row" is the line of a JSON Lines file,
or the row number a spreadsheet shows for a CSV (the header is row 1).

Output: a summary on stdout (with --json: one JSON line per row, then {"summary": {...}}).
Progress goes to stderr: a bar on a terminal, a line per second otherwise. Passwords and hashes
are never printed; control characters from the file are printed visibly (as \\x1b). If stdout's
reader goes away (| head), the import stops after the rows under way and exits 1.

The report (--report) is created owner-only (0600) and may not be the imported file under any
name; in a CSV report a field starting with =, +, -, @, tab or CR is written '= ... (quoted), as
text a spreadsheet shows rather than a formula it runs.

Speed: bcrypt (BCRYPT_ROUNDS) is most of a row's cost; it runs on libuv's thread pool. With
UV_THREADPOOL_SIZE unset and more cores than the pool's ${DEFAULT_THREAD_POOL_SIZE} threads, the import reruns itself
with one thread per core (at most --concurrency), so every core hashes.

Exit status: 0 every row created or already there; 1 some row invalid or failed;
2 the file cannot be used (missing, unreadable, unknown format, bad header, broken CSV quoting,
or --report names it).

Example:
  otas-users import users.csv --report import-report.csv
`;

/** `otas-users import FILE`: creates every user of a CSV or JSON Lines file. */
export function registerImportCommand(program: Command) {
  program
    .command("import")
    .description("Create the users of a CSV or JSON Lines file, with a per-row report.")
    .argument("<file>", "the file to import (.csv, .jsonl or .ndjson)")
    .addOption(
      new Option("--format <format>", "the file's format, whatever its extension").choices(
        fileFormats,
      ),
    )
    .option(
      "--concurrency <n>",
      "rows in flight at once (default: twice the CPU cores)",
      positiveInteger,
    )
    .option("--report <file>", "write every row's outcome to FILE (.csv or .jsonl)")
    .option("--json", "print every row's outcome and then the summary as JSON Lines")
    .option("--no-progress", "show no progress on stderr")
    .addHelpText("after", IMPORT_HELP)
    .action(async (file, options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { importFromCommandLine } = await import("./run-import-command.js");
      process.exitCode = await importFromCommandLine(file, options);
    });
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1024) {
    throw new InvalidArgumentError("expected a whole number from 1 to 1024");
  }
  return number;
}
