import type { Command } from "@commander-js/extra-typings";

const STATUS_HELP = `
Reads the configured database and changes nothing (no migration, no database created):
  - the users table: created by this service, the original OTAS service's (adoptable, or
    adopted), or one the server would refuse, with each difference;
  - migrations applied, pending, failed, and ones this build does not know;
  - what db migrate (or a start with MIGRATE_ON_START=true) would do;
  - users counted by password scheme: bcrypt, Django PBKDF2 (and Django scrypt, argon2,
    bcrypt_sha256 when there are any), unusable, unknown, with details, and how many the next
    login upgrades to the current scheme.

Exit status: 0 when the server can start on the database as it is (after db migrate, if
MIGRATE_ON_START=false); 1 when it would refuse (a users table that differs, a failed migration).
`;

const MIGRATE_HELP = `
What the server does at start-up unless MIGRATE_ON_START=false, run by hand: creates the
database when it does not exist, adopts the original OTAS service's users table (checking its
layout first; one that differs is refused with every difference named and nothing written), and
applies the pending migrations, each in its own transaction. Servers and other db migrate runs
starting at the same time take turns. db status shows beforehand what it will do.

Exit status: 0 when the database is migrated; 1 when it was refused (a users table that
differs, a failed or modified migration) or a migration failed (it was rolled back).
`;

/** `otas-users db status` and `db migrate`: what the server will find, and migrating by hand. */
export function registerDbCommand(program: Command) {
  const db = program
    .command("db")
    .description("Inspect the configured database, or migrate it by hand.");
  db.command("status")
    .description("Show the users table, the migrations and the password schemes, read-only.")
    .option("--json", "print one JSON object instead of text")
    .addHelpText("after", STATUS_HELP)
    .action(async (options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { runDbStatus } = await import("./run-db-status.js");
      process.exitCode = await runDbStatus(options.json === true);
    });
  db.command("migrate")
    .description("Adopt an original OTAS users table and apply the pending migrations.")
    .option("--json", "print one JSON object instead of text")
    .addHelpText("after", MIGRATE_HELP)
    .action(async (options) => {
      const { runDbMigrate } = await import("./run-db-migrate.js");
      process.exitCode = await runDbMigrate(options.json === true);
    });
}
