import { requireMigrated } from "./admin/require-migrated.js";
import type { HashingObserver } from "./auth/password-hasher.js";
import { type CoreEnv, migrationDatabaseUrl } from "./config/env.js";
import { resolveJwtSecret } from "./config/jwt-secret.js";
import { migrateDatabase } from "./db/migrate.js";
import type { MigrationRun } from "./db/migration-history.js";
import { type Database, databaseTimeLimits, openDatabase } from "./db/open-database.js";
import { createUserDeps, type UserDeps } from "./dependencies.js";

/** The open database and the use cases' dependencies over it. */
export interface ConfiguredDeps {
  database: Database;
  deps: UserDeps;
}

/** What start-up is told to do and where its warnings go. */
export interface PrepareOptions {
  /** Apply pending migrations (adopting an original OTAS users table). */
  migrate: boolean;
  /**
   * When not migrating: refuse a database the migrator would still change (pending migrations,
   * an original users table not adopted yet), naming the command to run.
   */
  requireMigrated?: boolean;
  warn: (message: string) => void;
}

/**
 * The once-per-start part of {@link openConfiguredDeps}: the JWT secret (a generated development
 * one, kept in DATA_DIR, when unset outside production) and, when `migrate` is set, pending
 * migrations applied — or, with `requireMigrated` instead, the database checked to need none
 * (warning about applied ones this build does not know). A cluster's primary runs it before its
 * workers start, so they find the secret and the schema ready.
 * @returns the JWT secret.
 */
export async function prepareConfiguredDatabase(
  env: CoreEnv,
  options: PrepareOptions,
): Promise<string> {
  const jwtSecret = resolveJwtSecret({
    secret: env.JWT_SECRET,
    production: env.NODE_ENV === "production",
    dataDir: env.DATA_DIR,
    warn: options.warn,
  });
  if (options.migrate || options.requireMigrated) {
    const { unknown, adopted }: Pick<MigrationRun, "unknown" | "adopted"> = options.migrate
      ? await migrateDatabase(migrationDatabaseUrl(env))
      : await requireMigrated({ url: env.DIRECT_DATABASE_URL ?? env.DATABASE_URL });
    if (adopted !== undefined) {
      options.warn(
        `Adopted the existing OTAS users table (its layout is the original's): recorded migration ${adopted} as applied without running it.`,
      );
    }
    if (unknown.length > 0) {
      options.warn(
        `The database has migrations this build does not know (a newer version migrated it): ${unknown.join(", ")}`,
      );
    }
  }
  return jwtSecret;
}

/**
 * Everything a process needs to run the use cases, from parsed settings: start-up prepared
 * ({@link prepareConfiguredDatabase}), the database opened and the dependencies wired. The
 * server and the scripts' entry start the same way through it.
 */
export async function openConfiguredDeps(
  env: CoreEnv,
  options: PrepareOptions & {
    hashingObserver?: HashingObserver | undefined;
    /** PostgreSQL: this process's connections (default 10). */
    poolSize?: number | undefined;
  },
): Promise<ConfiguredDeps> {
  const jwtSecret = await prepareConfiguredDatabase(env, options);
  const database = await openDatabase(env.DATABASE_URL, {
    ...databaseTimeLimits(env),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    transactionPooler: env.DATABASE_POOLER === "transaction",
  });
  const deps = createUserDeps(database.sql, {
    jwtSecret,
    jwtValidityDays: env.JWT_VALIDITY_DAYS,
    bcryptRounds: env.BCRYPT_ROUNDS,
    appUrl: env.APP_URL,
    resetTokenTtlMinutes: env.RESET_TOKEN_TTL_MINUTES,
    hashingObserver: options.hashingObserver,
  });
  return { database, deps };
}
