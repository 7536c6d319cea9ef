import type { z } from "zod";
import { coreEnvSchema, parseEnv, refineCoreEnv } from "./config/env.js";
import type { Database } from "./db/open-database.js";
import type { UserDeps } from "./dependencies.js";
import { openConfiguredDeps } from "./open-configured.js";
import { createUser } from "./users/create-user.js";
import { type CreateUserOutput, createUserInput } from "./users/create-user.schema.js";
import { parseInput } from "./validation/domain-error-from-issues.js";

/**
 * The sign-up fields as a caller writes them (before trimming and checks). Each may be absent or
 * undefined, as a script's arguments may be: the checks report it (`missing_fields: …`).
 */
export type CreateUserRequest = {
  [Field in keyof z.input<typeof createUserInput>]?:
    | z.input<typeof createUserInput>[Field]
    | undefined;
};

/** The use cases on the configured database, for internal scripts. */
export interface UserService {
  /** Validates like the REST API (throws `DomainError`) and registers the user. */
  createUser(request: CreateUserRequest): Promise<CreateUserOutput>;
  /** What every exported use case takes as its second argument, e.g. `findUser({email}, deps)`. */
  readonly deps: UserDeps;
  /**
   * The open database: `sql` for reports (`sql`-tagged statements, values as parameters), and
   * `prisma()` for the model API and `$transaction` when several writes must land together.
   */
  readonly database: Database;
  /** Closes the database connection; call it when the script is done. */
  close(): Promise<void>;
}

/**
 * Opens the user service on the database the environment configures (`DATABASE_URL`, default
 * the SQLite file under ./data), applying pending migrations first (with MIGRATE_ON_START=false:
 * refusing a database that still needs them).
 *
 * @example
 * const users = await openUserService();
 * const { user, jwt_token } = await users.createUser({ first_name: "Ada", last_name: "Lovelace",
 *   email: "ada@example.com", password: "correct horse" });
 * await users.close();
 */
export async function openUserService(
  options: { env?: Record<string, string | undefined>; warn?: (message: string) => void } = {},
): Promise<UserService> {
  const env = parseEnv(coreEnvSchema.superRefine(refineCoreEnv), options.env ?? process.env);
  const { database, deps } = await openConfiguredDeps(env, {
    migrate: env.MIGRATE_ON_START,
    requireMigrated: !env.MIGRATE_ON_START,
    warn: options.warn ?? ((message) => process.emitWarning(message)),
  });
  return {
    createUser: async (request) => createUser(parseInput(createUserInput, request), deps),
    deps,
    database,
    close: () => database.close(),
  };
}
