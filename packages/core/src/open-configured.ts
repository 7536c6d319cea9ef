import type { HashingObserver } from "./auth/password-hasher.js";
import type { CoreEnv } from "./config/env.js";
import { resolveJwtSecret } from "./config/jwt-secret.js";
import { migrateDatabase } from "./db/migrate.js";
import { type Database, openDatabase } from "./db/open-database.js";
import { createUserDeps, type UserDeps } from "./dependencies.js";

/** The open database and the use cases' dependencies over it. */
export interface ConfiguredDeps {
  database: Database;
  deps: UserDeps;
}

/**
 * Everything a process needs to run the use cases, from parsed settings: the JWT secret (a
 * generated development one when unset outside production), pending migrations applied when
 * `migrate` is set (warning about applied ones this build does not know), the database opened
 * and the dependencies wired. The server and the scripts' entry start the same way through it.
 */
export async function openConfiguredDeps(
  env: CoreEnv,
  options: {
    migrate: boolean;
    warn: (message: string) => void;
    hashingObserver?: HashingObserver | undefined;
  },
): Promise<ConfiguredDeps> {
  const jwtSecret = resolveJwtSecret({
    secret: env.JWT_SECRET,
    production: env.NODE_ENV === "production",
    dataDir: env.DATA_DIR,
    warn: options.warn,
  });
  if (options.migrate) {
    const { unknown } = await migrateDatabase(env.DATABASE_URL);
    if (unknown.length > 0) {
      options.warn(
        `The database has migrations this build does not know (a newer version migrated it): ${unknown.join(", ")}`,
      );
    }
  }
  const database = await openDatabase(env.DATABASE_URL);
  const deps = createUserDeps(database.client, {
    jwtSecret,
    jwtValidityDays: env.JWT_VALIDITY_DAYS,
    bcryptRounds: env.BCRYPT_ROUNDS,
    hashingObserver: options.hashingObserver,
  });
  return { database, deps };
}
