import { z } from "zod";

/** A time limit in ms, at least `min`. */
const limitMs = (fallback: number, min: number) =>
  z.coerce.number().int().min(min).max(3_600_000).default(fallback);

/** The settings core reads from the environment. */
export const coreEnvSchema = z.object({
  // Exactly these: anything else (`Production`, `prod`) would silently run without production's
  // checks, so it stops start-up instead.
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "must be development, production or test (lowercase)",
    })
    .default("development"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    )
    .default("file:./data/otas.db"),
  /**
   * `transaction`: DATABASE_URL is a pooler in transaction mode (PgBouncer before 1.21, or without
   * `max_prepared_statements`), so statements go unnamed: a named one prepared on one server
   * connection is not on the next.
   */
  DATABASE_POOLER: z
    .enum(["none", "transaction"], { error: "must be none or transaction" })
    .default("none"),
  /**
   * PostgreSQL without the pooler, for migrations (they hold a session-level advisory lock, which
   * transaction pooling does not keep). Unset: DATABASE_URL.
   */
  DIRECT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /**
   * PostgreSQL: how long a statement waits for a free connection of the pool, or for a new one to
   * connect (an unreachable host fails after this).
   */
  DATABASE_CONNECT_TIMEOUT_MS: limitMs(5000, 1),
  /** PostgreSQL: how long one statement may run, lock waits included (`statement_timeout`). */
  DATABASE_STATEMENT_TIMEOUT_MS: limitMs(5000, 1),
  /** PostgreSQL: how long one statement may wait for a row or table lock (`lock_timeout`). */
  DATABASE_LOCK_TIMEOUT_MS: limitMs(2000, 1),
  /**
   * SQLite: how long a statement waits for another connection's write lock, trying again with
   * pauses that leave the process free to serve other requests.
   */
  DATABASE_BUSY_TIMEOUT_MS: limitMs(5000, 0),
  JWT_SECRET: z.string().min(1, "must not be empty when set").optional(),
  JWT_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(31).default(12),
  /** The OTAS web app's base URL: password-reset links point at its `/reset-password` page. */
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .default("http://localhost:5173")
    .transform((value) => value.replace(/\/+$/, "")),
  /** How long a password-reset link works. */
  RESET_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /**
   * `false`: nothing applies migrations by itself (operators run `otas-users db migrate`), and a
   * database that still needs them stops the server and the CLI's commands with that advice.
   */
  MIGRATE_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
});

export type CoreEnv = z.output<typeof coreEnvSchema>;

type PoolerSettings = Pick<
  CoreEnv,
  "DATABASE_URL" | "DATABASE_POOLER" | "DIRECT_DATABASE_URL" | "MIGRATE_ON_START"
>;

/**
 * The rules across core's settings, for a schema's `superRefine`: a transaction pooler needs
 * PostgreSQL, and migrating at start behind one needs the direct URL.
 */
export function refineCoreEnv(env: PoolerSettings, context: z.RefinementCtx): void {
  const postgres = /^postgres(ql)?:\/\//.test(env.DATABASE_URL);
  if (env.DATABASE_POOLER === "transaction" && !postgres) {
    context.addIssue({
      code: "custom",
      path: ["DATABASE_POOLER"],
      message: "transaction needs a postgresql:// DATABASE_URL",
    });
  }
  if (env.DIRECT_DATABASE_URL !== undefined && !postgres) {
    context.addIssue({
      code: "custom",
      path: ["DIRECT_DATABASE_URL"],
      message: "only applies with a postgresql:// DATABASE_URL",
    });
  }
  if (
    env.DATABASE_POOLER === "transaction" &&
    env.MIGRATE_ON_START &&
    env.DIRECT_DATABASE_URL === undefined
  ) {
    context.addIssue({
      code: "custom",
      path: ["DIRECT_DATABASE_URL"],
      message: `${poolerMigrationAdvice} (or set MIGRATE_ON_START=false and migrate elsewhere)`,
    });
  }
}

const poolerMigrationAdvice =
  "required to migrate with DATABASE_POOLER=transaction: migrations hold a session-level lock, which transaction pooling loses; set it to the database's own postgresql:// URL, not the pooler's";

/**
 * The URL migrations run on: DIRECT_DATABASE_URL, else DATABASE_URL — unless DATABASE_URL is a
 * transaction pooler, which a migration's session-level advisory lock does not survive.
 * @throws ConfigError behind a transaction pooler without DIRECT_DATABASE_URL.
 */
export function migrationDatabaseUrl(env: PoolerSettings): string {
  if (env.DIRECT_DATABASE_URL !== undefined) return env.DIRECT_DATABASE_URL;
  if (env.DATABASE_POOLER === "transaction") {
    throw new ConfigError(
      `Invalid configuration:\n  DIRECT_DATABASE_URL: ${poolerMigrationAdvice}`,
    );
  }
  return env.DATABASE_URL;
}

/** Raised when a setting is invalid; the message names each variable and what is wrong. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses `env` with `schema`, treating empty strings as unset (as shells and .env files write
 * them), and throws a {@link ConfigError} naming every bad variable.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}
