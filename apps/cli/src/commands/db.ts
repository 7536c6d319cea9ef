import type { Command } from "@commander-js/extra-typings";

const STATUS_HELP = `
Reads the configured database and changes nothing (no migration, no database created):
  - the users table: created by this service, the original OTAS service's (adoptable at the
    next start, or adopted), or one the server would refuse, with each difference;
  - migrations applied, pending, failed, and ones this build does not know;
  - users counted by password scheme: bcrypt, Django PBKDF2, unusable, unknown, with details,
    and how many the next login upgrades to the current scheme.

Exit status: 0 when the server can start on the database as it is; 1 when it would refuse
(a users table that differs, a failed migration).
`;

/** `otas-users db status`: what the server will find, before it starts. */
export function registerDbCommand(program: Command) {
  const db = program.command("db").description("Inspect the configured database.");
  db.command("status")
    .description("Show the users table, the migrations and the password schemes, read-only.")
    .option("--json", "print one JSON object instead of text")
    .addHelpText("after", STATUS_HELP)
    .action(async (options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { runDbStatus } = await import("./run-db-status.js");
      process.exitCode = await runDbStatus(options.json === true);
    });
}
