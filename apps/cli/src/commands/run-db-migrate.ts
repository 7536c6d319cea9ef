import { IncompatibleUsersTableError, migrateDatabase, migrationDatabaseUrl } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";

/**
 * Migrates the configured database as a server start would, prints what was done, and resolves
 * with the exit status `db migrate --help` states. A users table that cannot be adopted is
 * reported with every difference (the generic one-line error report would cut them off).
 */
export async function runDbMigrate(json: boolean): Promise<ExitCode> {
  const env = loadCliEnv();
  let run: Awaited<ReturnType<typeof migrateDatabase>>;
  try {
    run = await migrateDatabase(migrationDatabaseUrl(env));
  } catch (error) {
    if (!(error instanceof IncompatibleUsersTableError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return ExitCode.rejected;
  }
  const result = { adopted: run.adopted ?? null, applied: run.applied, unknown: run.unknown };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const lines = [
      ...(result.adopted === null
        ? []
        : [
            `Adopted the existing OTAS users table: recorded ${result.adopted} as applied without running it.`,
          ]),
      result.applied.length === 0
        ? "No migration to apply: the database is up to date."
        : `Applied ${result.applied.length} migration${result.applied.length === 1 ? "" : "s"}: ${result.applied.join(", ")}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  if (run.unknown.length > 0) {
    process.stderr.write(
      `warning: the database has migrations this build does not know (a newer version migrated it): ${run.unknown.join(", ")}\n`,
    );
  }
  return ExitCode.ok;
}
