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
import type { Deadline } from "./time-limits/deadline.js";
import type { AuthenticateUserDeps } from "./users/authenticate-user.js";
import type { CreateUserDeps } from "./users/create-user.js";
import type { LoginUserDeps } from "./users/login-user.js";
import { createSqlSessionUserLookup } from "./users/sql-session-user-lookup.js";
import { createSqlUserRepository } from "./users/sql-user-repository.js";
import type { UpdatePasswordDeps } from "./users/update-password.js";
import type { UpdateProfileDeps } from "./users/update-profile.js";

/** Everything the use cases need, built once per process and passed in. */
export type UserDeps = UserUseCaseDeps & {
  /**
   * The same dependencies for the work of one call that must be over by `deadline`: their
   * database work runs on a client bound to it (`SqlClient.under`). Absent where nothing waits
   * on a database (fakes).
   */
  under?: (deadline: Deadline) => UserDeps;
};

type UserUseCaseDeps = CreateUserDeps &
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

/** The repositories over `db`, as the use cases read and write through them. */
function sqlRepositories(db: SqlClient) {
  return {
    users: createSqlUserRepository(db),
    resetTokens: createSqlPasswordResetRepository(db),
    sessions: createSqlSessionRepository(db),
    cutoffs: createSqlSessionCutoffRepository(db),
    resetMails: createSqlResetMailOutbox(db),
  };
}

/**
 * Wires the production dependencies over an open database (`Database.sql`). `under(deadline)`
 * gives a call's: the same, with its repositories over the client bound to its deadline, each
 * built the first time the call uses it (nothing is cached in them). Shared by every call, under
 * the database's own time limits: the sessions' last-use writes (off every call's path) and the
 * token check's read (`sessionUsers`), which writes nothing and, on PostgreSQL, answers the
 * checks of one event-loop turn in one query. A token check thus builds nothing per call.
 */
export function createUserDeps(db: SqlClient, settings: UserDepsSettings): UserDeps {
  // Microsecond-true: every timestamp written from it keeps six fraction digits, as the
  // original's do.
  const now = systemNow;
  const log = settings.log ?? processWarningLog;
  const repositories = sqlRepositories(db);
  const sessionUsers = createSqlSessionUserLookup(db);
  const deps: UserDeps = {
    ...repositories,
    mailSealer: createMailSealer(settings.jwtSecret),
    sessionUsers,
    sessionActivity: createSessionActivity({ sessions: repositories.sessions, now, log }),
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
    under: (deadline) => call(deadline),
  };
  const call = callDeps(deps, db);
  return deps;
}

/** The repositories a call builds over the client bound to its deadline. */
type Repositories = ReturnType<typeof sqlRepositories>;

/** A call's own part of its dependencies: its deadline, and what was built for it. */
const CALL = Symbol("call");
interface CallDeps {
  [CALL]: { deadline: Deadline; built?: Repositories };
}

/**
 * The dependencies of one call, derived from the process's `deps`: a new object per call whose
 * prototype holds, for each repository, a getter that builds the call's repositories on first
 * use, over `db` bound to the call's deadline; everything else is `deps`' own, inherited. One
 * small object per call and no function made per call, so a call that uses no repository costs
 * next to nothing, and the code reading `deps.users` sees objects of one shape. (Spread such
 * dependencies and the inherited members are lost: derive with `withLog` instead.)
 */
function callDeps(deps: UserDeps, db: SqlClient): (deadline: Deadline) => UserDeps {
  const repositories = (call: CallDeps): Repositories => {
    const own = call[CALL];
    own.built ??= sqlRepositories(db.under(own.deadline));
    return own.built;
  };
  const lazy = (name: keyof Repositories): PropertyDescriptor => ({
    get(this: CallDeps) {
      return repositories(this)[name];
    },
  });
  const prototype: object = Object.create(deps, {
    users: lazy("users"),
    resetTokens: lazy("resetTokens"),
    sessions: lazy("sessions"),
    cutoffs: lazy("cutoffs"),
    resetMails: lazy("resetMails"),
  });
  return (deadline) => {
    const call = Object.create(prototype) as CallDeps & UserDeps;
    call[CALL] = { deadline };
    return call;
  };
}

/**
 * `deps` reporting to `log` instead (e.g. a request's logger), derived rather than copied, so
 * what a call's dependencies build for it on first use (see `UserDeps.under`) stays theirs.
 */
export function withLog<Deps extends { log: OperatorLog }>(deps: Deps, log: OperatorLog): Deps {
  const derived = Object.create(deps) as Deps;
  derived.log = log;
  return derived;
}
