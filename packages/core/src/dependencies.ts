import { randomUUID } from "node:crypto";
import { createBcryptHasher, type HashingObserver } from "./auth/password-hasher.js";
import { createJwtIssuer } from "./auth/token-issuer.js";
import { createJwtVerifier } from "./auth/token-verifier.js";
import type { PrismaClient } from "./generated/sqlite/client.js";
import type { AuthenticateUserDeps } from "./users/authenticate-user.js";
import type { CreateUserDeps } from "./users/create-user.js";
import type { LoginUserDeps } from "./users/login-user.js";
import { createPrismaUserRepository } from "./users/prisma-user-repository.js";
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
  /** Told about every password hash and check (e.g. to record metrics). */
  hashingObserver?: HashingObserver | undefined;
}

/** Wires the production dependencies over an open database client. */
export function createUserDeps(client: PrismaClient, settings: UserDepsSettings): UserDeps {
  const now = () => new Date();
  return {
    users: createPrismaUserRepository(client),
    hasher: createBcryptHasher(settings.bcryptRounds, settings.hashingObserver),
    tokens: createJwtIssuer({
      secret: settings.jwtSecret,
      validityDays: settings.jwtValidityDays,
      now,
    }),
    verifier: createJwtVerifier({ secret: settings.jwtSecret, now }),
    now,
    newId: randomUUID,
  };
}
