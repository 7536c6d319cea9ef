import { createHash } from "node:crypto";
import type { PasswordHasher } from "../auth/password-hasher.js";
import { createJwtIssuer } from "../auth/token-issuer.js";
import { createJwtVerifier } from "../auth/token-verifier.js";
import type { UserDeps } from "../dependencies.js";
import { createInMemoryPasswordResetRepository } from "../password-reset/in-memory-password-reset-repository.js";
import { createInMemorySessionCutoffRepository } from "../password-reset/in-memory-session-cutoff-repository.js";
import { createInMemoryUserRepository } from "../users/in-memory-user-repository.js";

/** A fast stand-in for bcrypt: a salted-free SHA-256, recognisable by its `fake$` prefix. */
export const fakeHasher: PasswordHasher = {
  hash: async (password) => `fake$${createHash("sha256").update(password).digest("hex")}`,
  verify: async (password, hash) => hash !== null && hash === (await fakeHasher.hash(password)),
};

/**
 * Use-case dependencies in memory with a clock the test moves: unit tests of core run on these.
 */
export function createFakeDeps(options: { secret?: string; start?: Date } = {}) {
  const secret = options.secret ?? "fake-deps-secret-of-at-least-32-bytes";
  let clock = options.start ?? new Date("2026-04-16T10:00:00.123Z");
  let sequence = 0;
  const now = () => clock;
  const users = createInMemoryUserRepository();
  const resetTokens = createInMemoryPasswordResetRepository();
  const advanceClock = (milliseconds: number) => {
    clock = new Date(clock.getTime() + milliseconds);
  };
  const deps: UserDeps = {
    users,
    resetTokens,
    sessions: createInMemorySessionCutoffRepository(),
    hasher: fakeHasher,
    tokens: createJwtIssuer({ secret, validityDays: 30, now }),
    verifier: createJwtVerifier({ secret, now }),
    now,
    // Waiting moves the test's clock instead of the wall clock's.
    sleep: async (milliseconds) => advanceClock(milliseconds),
    newId: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, "0")}`,
    passwordReset: { appUrl: "http://localhost:5173", tokenTtlMinutes: 60 },
  };
  return { deps, users, resetTokens, secret, advanceClock };
}
