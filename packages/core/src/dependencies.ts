import { randomUUID } from "node:crypto";
import { createPasswordHasher, type HashingObserver } from "./auth/password-hasher.js";
import { createJwtIssuer } from "./auth/token-issuer.js";
import { createJwtVerifier } from "./auth/token-verifier.js";
import type { SqlClient } from "./db/sql-client.js";
import { type OperatorLog, processWarningLog } from "./logging/operator-log.js";
import type { AuthenticateUserDeps } from "./users/authenticate-user.js";
import type { CreateUserDeps } from "./users/create-user.js";
import type { LoginUserDeps } from "./users/login-user.js";
import { createSqlUserRepository } from "./users/sql-user-repository.js";
import type { UpdatePasswordDeps } from "./users/update-password.js";
import type { UpdateProfileDeps } from "./users/update-profile.js";

/** Everything the use cases need, built once per process and passed in. */
export type UserDeps = CreateUserDeps &
  LoginUserDeps &
  AuthenticateUserDeps &
  UpdateProfileDeps &
  UpdatePasswordDeps;

/** Settings the dependencies are built from. */
export interface UserDepsSettings {
  jwtSecret: string;
  jwtValidityDays: number;
  bcryptRounds: number;
  /** Where use cases report to the operator; process warnings when absent. */
  log?: OperatorLog;
  /** Told about every password hash and check (e.g. to record metrics). */
  hashingObserver?: HashingObserver | undefined;
}

/** Wires the production dependencies over an open database (`Database.sql`). */
export function createUserDeps(db: SqlClient, settings: UserDepsSettings): UserDeps {
  const now = () => new Date();
  return {
    users: createSqlUserRepository(db),
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
    newId: randomUUID,
    log: settings.log ?? processWarningLog,
  };
}
