import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createPasswordHasher, type HashingObserver } from "./auth/password-hasher.js";
import { createJwtIssuer } from "./auth/token-issuer.js";
import { createJwtVerifier } from "./auth/token-verifier.js";
import type { SqlClient } from "./db/sql-client.js";
import { type OperatorLog, processWarningLog } from "./logging/operator-log.js";
import type { RequestPasswordResetDeps } from "./password-reset/request-password-reset.js";
import type { ResetPasswordDeps } from "./password-reset/reset-password.js";
import { createSqlPasswordResetRepository } from "./password-reset/sql-password-reset-repository.js";
import { createSqlSessionCutoffRepository } from "./password-reset/sql-session-cutoff-repository.js";
import type { DeliverResetMailDeps } from "./reset-mail/deliver-reset-mail.js";
import { createMailSealer } from "./reset-mail/mail-sealer.js";
import type { QueueResetMailDeps } from "./reset-mail/queue-reset-mail.js";
import { createSqlResetMailOutbox } from "./reset-mail/sql-reset-mail-outbox.js";
import { createSessionActivity, type SessionActivity } from "./sessions/session-activity.js";
import { createSqlSessionRepository } from "./sessions/sql-session-repository.js";
import { systemNow } from "./time/system-clock.js";
import type { AuthenticateUserDeps } from "./users/authenticate-user.js";
import type { CreateUserDeps } from "./users/create-user.js";
import type { LoginUserDeps } from "./users/login-user.js";
import { createSqlSessionUserLookup } from "./users/sql-session-user-lookup.js";
import { createSqlUserRepository } from "./users/sql-user-repository.js";
import type { UpdatePasswordDeps } from "./users/update-password.js";
import type { UpdateProfileDeps } from "./users/update-profile.js";

/** Everything the use cases need, built once per process and passed in. */
export type UserDeps = CreateUserDeps &
  LoginUserDeps &
  AuthenticateUserDeps &
  UpdateProfileDeps &
  UpdatePasswordDeps &
  RequestPasswordResetDeps &
  ResetPasswordDeps &
  QueueResetMailDeps &
  DeliverResetMailDeps & {
    /** When sessions were last used, written off the requests' path (flush it at shutdown). */
    sessionActivity: SessionActivity;
  };

/** Settings the dependencies are built from. */
export interface UserDepsSettings {
  jwtSecret: string;
  jwtValidityDays: number;
  bcryptRounds: number;
  /** The web app's base URL reset links point at (`APP_URL`); default `http://localhost:5173`. */
  appUrl?: string;
  /** How long a reset link works (`RESET_TOKEN_TTL_MINUTES`); default 60. */
  resetTokenTtlMinutes?: number;
  /** Where use cases report to the operator; process warnings when absent. */
  log?: OperatorLog;
  /** Told about every password hash and check (e.g. to record metrics). */
  hashingObserver?: HashingObserver | undefined;
}

/** Wires the production dependencies over an open database (`Database.sql`). */
export function createUserDeps(db: SqlClient, settings: UserDepsSettings): UserDeps {
  // Microsecond-true: every timestamp written from it keeps six fraction digits, as the
  // original's do.
  const now = systemNow;
  const log = settings.log ?? processWarningLog;
  const sessions = createSqlSessionRepository(db);
  return {
    users: createSqlUserRepository(db),
    resetTokens: createSqlPasswordResetRepository(db),
    sessions,
    cutoffs: createSqlSessionCutoffRepository(db),
    resetMails: createSqlResetMailOutbox(db),
    mailSealer: createMailSealer(settings.jwtSecret),
    sessionUsers: createSqlSessionUserLookup(db),
    sessionActivity: createSessionActivity({ sessions, now, log }),
    hasher: createPasswordHasher(settings.bcryptRounds, settings.hashingObserver),
    tokens: createJwtIssuer({
      secret: settings.jwtSecret,
      validityDays: settings.jwtValidityDays,
      now,
    }),
    verifier: createJwtVerifier({
      secret: settings.jwtSecret,
      validityDays: settings.jwtValidityDays,
      now,
    }),
    now,
    sleep: async (milliseconds) => {
      await sleep(milliseconds);
    },
    newId: randomUUID,
    passwordReset: {
      appUrl: settings.appUrl ?? "http://localhost:5173",
      tokenTtlMinutes: settings.resetTokenTtlMinutes ?? 60,
    },
    log,
  };
}
