import { createHash } from "node:crypto";
import type { PasswordHasher } from "../auth/password-hasher.js";
import { createJwtIssuer } from "../auth/token-issuer.js";
import { createJwtVerifier } from "../auth/token-verifier.js";
import type { UserDeps } from "../dependencies.js";
import type { OperatorLog } from "../logging/operator-log.js";
import { createInMemoryPasswordResetRepository } from "../password-reset/in-memory-password-reset-repository.js";
import { createInMemorySessionCutoffRepository } from "../password-reset/in-memory-session-cutoff-repository.js";
import { createInMemoryResetMailOutbox } from "../reset-mail/in-memory-reset-mail-outbox.js";
import { createMailSealer } from "../reset-mail/mail-sealer.js";
import { createInMemorySessionRepository } from "../sessions/in-memory-session-repository.js";
import { createSessionActivity } from "../sessions/session-activity.js";
import { parseTimestamp } from "../time/epoch-micros.js";
import { MicrosecondDate, plusMilliseconds } from "../time/microsecond-date.js";
import { createInMemoryUserRepository } from "../users/in-memory-user-repository.js";
import { composeSessionUserLookup } from "../users/session-user-lookup.js";

const fakeHash = (password: string) =>
  `fake$${createHash("sha256").update(password).digest("hex")}`;

/** A fast stand-in for the real hasher: an unsalted SHA-256, recognisable by its `fake$` prefix. */
export const fakeHasher: PasswordHasher = {
  hash: async (password) => fakeHash(password),
  verify: async (password, hash) => {
    if (hash === null) return { matches: false, reason: "no user has this email" };
    return hash === fakeHash(password)
      ? { matches: true, outdated: false }
      : { matches: false, reason: "wrong password" };
  },
};

/** An {@link OperatorLog} that keeps its lines, for tests to read. */
export function createRecordingLog(): OperatorLog & {
  lines: { level: "info" | "error"; message: string; details: Record<string, unknown> }[];
} {
  const lines: { level: "info" | "error"; message: string; details: Record<string, unknown> }[] =
    [];
  return {
    lines,
    info: (details, message) => void lines.push({ level: "info", message, details }),
    error: (details, message) => void lines.push({ level: "error", message, details }),
  };
}

/**
 * Use-case dependencies in memory with a clock the test moves: unit tests of core run on these.
 */
export function createFakeDeps(options: { secret?: string; start?: Date } = {}) {
  const secret = options.secret ?? "fake-deps-secret-of-at-least-32-bytes";
  // A moment with microseconds, like the service's own clock gives.
  let clock = options.start ?? new MicrosecondDate(parseTimestamp("2026-04-16T10:00:00.123456Z"));
  let sequence = 0;
  const now = () => clock;
  const users = createInMemoryUserRepository();
  const resetTokens = createInMemoryPasswordResetRepository();
  const log = createRecordingLog();
  const advanceClock = (milliseconds: number) => {
    clock = plusMilliseconds(clock, milliseconds);
  };
  const cutoffs = createInMemorySessionCutoffRepository();
  const sessions = createInMemorySessionRepository(async (userId) => users.passwordHashOf(userId));
  const resetMails = createInMemoryResetMailOutbox(resetTokens);
  const deps: UserDeps = {
    users,
    resetTokens,
    sessions,
    cutoffs,
    resetMails,
    mailSealer: createMailSealer(secret),
    sessionUsers: composeSessionUserLookup(users, cutoffs, sessions),
    sessionActivity: createSessionActivity({ sessions, now, log }),
    hasher: fakeHasher,
    tokens: createJwtIssuer({ secret, validityDays: 30, now }),
    verifier: createJwtVerifier({ secret, validityDays: 30, now }),
    now,
    // Waiting moves the test's clock instead of the wall clock's.
    sleep: async (milliseconds) => advanceClock(milliseconds),
    newId: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, "0")}`,
    passwordReset: { appUrl: "http://localhost:5173", tokenTtlMinutes: 60 },
    log,
  };
  return { deps, users, resetTokens, resetMails, sessions, log, secret, advanceClock };
}
