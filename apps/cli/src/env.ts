import { coreEnvSchema, parseEnv, refineCoreEnv } from "@otas/core";
import { z } from "zod";

/** Core's settings plus the one the CLI reads itself. */
export const cliEnvSchema = coreEnvSchema.extend({
  UV_THREADPOOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024)
    .optional()
    .describe("libuv's thread pool, where bcrypt hashes run; Node's default is 4"),
});

export type CliEnv = z.output<typeof cliEnvSchema>;

/**
 * Reads and checks the settings once, before a command touches the database, so a bad
 * variable stops the command with a message naming it (a `ConfigError`, exit status 2).
 * Core's `openUserService` reads the same variables from the same environment.
 */
export function loadCliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  return parseEnv(cliEnvSchema.superRefine(refineCoreEnv), env);
}
