import { hostname } from "node:os";
import { prepareConfiguredDatabase } from "@otas/core";
import { type Logger, pino } from "pino";
import type { ApiEnv } from "../env.js";

/** The log of a process that serves no request (a primary, a preparation), named by `role`. */
export function roleLogger(env: Pick<ApiEnv, "LOG_LEVEL">, role: string): Logger {
  return pino({ level: env.LOG_LEVEL, base: { pid: process.pid, hostname: hostname(), role } });
}

/**
 * What is done once before any worker serves: the development JWT secret and, with
 * MIGRATE_ON_START, the pending migrations — without it, the check that none is pending (start-up
 * then stops, naming the command to run).
 */
export async function prepareOnce(env: ApiEnv, log: Logger): Promise<void> {
  await prepareConfiguredDatabase(env, {
    migrate: env.MIGRATE_ON_START,
    requireMigrated: !env.MIGRATE_ON_START,
    warn: (message) => log.warn(message),
  });
}
