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
