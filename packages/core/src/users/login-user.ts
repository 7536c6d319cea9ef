import type { PasswordHasher } from "../auth/password-hasher.js";
import { DomainError } from "../errors/domain-error.js";
import { describeError, type OperatorLog } from "../logging/operator-log.js";
import type { SessionClient } from "../sessions/session-client.js";
import { type StartSessionDeps, startSession } from "../sessions/start-session.js";
import type { LoginUserInput, LoginUserOutput } from "./login-user.schema.js";
import { toUserDto, type UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What logging in needs. */
export interface LoginUserDeps extends StartSessionDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  /** Hears about hash upgrades and failed ones. */
  log: OperatorLog;
}

/**
 * Checks the credentials and starts a session from `client`, answering its token. An unknown
 * email costs the same password check as a wrong password, and every failure is the one answer
 * `login_failed`; why (no such user, wrong password, an unusable or unknown stored hash) is its
 * `logReason`, for the log only.
 *
 * A matching hash of an older scheme (the original's Django PBKDF2, this service's first plain
 * bcrypt, another cost) is replaced by the current scheme within the same request. The session
 * starts only while the password is still the one checked (see `startSession`): a password
 * changed or reset during the check (bcrypt takes a while) makes the login fail instead of
 * leaving a token the change or reset could not end.
 */
export async function loginUser(
  { email, password }: LoginUserInput,
  deps: LoginUserDeps,
  client: SessionClient = {},
): Promise<LoginUserOutput> {
  const { users, hasher } = deps;
  const credentials = await users.findCredentialsByEmail(email);
  const verdict = await hasher.verify(password, credentials?.passwordHash ?? null);
  if (!verdict.matches || credentials === null) {
    const reason = verdict.matches ? "no user has this email" : verdict.reason;
    throw new DomainError("login_failed", undefined, reason);
  }
  const { user } = credentials;
  const passwordHash = verdict.outdated
    ? await upgradeHash(user, credentials.passwordHash, password, deps)
    : credentials.passwordHash;
  const token = await startSession({ user, passwordHash, client }, deps);
  if (token === null) {
    throw new DomainError("login_failed", undefined, "password changed while logging in");
  }
  return { user: toUserDto(user), jwt_token: token };
}

/**
 * Re-hashes a password that just matched an outdated hash. Compare-and-set on the old hash: a
 * password changed meanwhile is never overwritten, and of simultaneous logins one upgrades.
 * Never fails the login: a failed upgrade is logged and tried again at the next login.
 * @returns the hash the session must start under: the replacement; when another login upgraded
 *   first, its hash (if the password matches it); else the outdated one, which then fails.
 */
async function upgradeHash(
  user: UserRecord,
  outdatedHash: string,
  password: string,
  { users, hasher, log }: Pick<LoginUserDeps, "users" | "hasher" | "log">,
): Promise<string> {
  try {
    const replacement = await hasher.hash(password);
    const replaced = await users.replacePasswordHash(user.id, outdatedHash, replacement);
    log.info(
      { userId: user.id },
      replaced
        ? "password hash upgraded to the current scheme"
        : "password hash changed meanwhile; left as it is",
    );
    if (replaced) return replacement;
    const current = await users.findCredentialsByEmail(user.email);
    if (current === null) return outdatedHash;
    return (await hasher.verify(password, current.passwordHash)).matches
      ? current.passwordHash
      : outdatedHash;
  } catch (error) {
    log.error({ userId: user.id, error: describeError(error) }, "password hash upgrade failed");
    return outdatedHash;
  }
}
