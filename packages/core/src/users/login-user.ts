import type { PasswordHasher } from "../auth/password-hasher.js";
import type { TokenIssuer } from "../auth/token-issuer.js";
import { DomainError } from "../errors/domain-error.js";
import { describeError, type OperatorLog } from "../logging/operator-log.js";
import type { LoginUserInput, LoginUserOutput } from "./login-user.schema.js";
import { toUserDto, type UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What logging in needs. */
export interface LoginUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  /** Hears about hash upgrades and failed ones. */
  log: OperatorLog;
}

/**
 * Checks the credentials and issues a token. An unknown email costs the same password check
 * as a wrong password, and every failure is the one answer `login_failed`; why (no such user,
 * wrong password, an unusable or unknown stored hash) is its `logReason`, for the log only.
 *
 * A matching hash of an older scheme (the original's Django PBKDF2, this service's first plain
 * bcrypt, another cost) is replaced by the current scheme within the same request.
 */
export async function loginUser(
  { email, password }: LoginUserInput,
  { users, hasher, tokens, log }: LoginUserDeps,
): Promise<LoginUserOutput> {
  const credentials = await users.findCredentialsByEmail(email);
  const verdict = await hasher.verify(password, credentials?.passwordHash ?? null);
  if (!verdict.matches || credentials === null) {
    const reason = verdict.matches ? "no user has this email" : verdict.reason;
    throw new DomainError("login_failed", undefined, reason);
  }
  if (verdict.outdated) {
    await upgradeHash(credentials.user, credentials.passwordHash, password, { users, hasher, log });
  }
  return { user: toUserDto(credentials.user), jwt_token: tokens.issue(credentials.user) };
}

/**
 * Re-hashes a password that just matched an outdated hash. Compare-and-set on the old hash: a
 * password changed meanwhile is never overwritten, and of simultaneous logins one upgrades.
 * Never fails the login: a failed upgrade is logged and tried again at the next login.
 */
async function upgradeHash(
  user: UserRecord,
  outdatedHash: string,
  password: string,
  { users, hasher, log }: Pick<LoginUserDeps, "users" | "hasher" | "log">,
): Promise<void> {
  try {
    const replacement = await hasher.hash(password);
    const replaced = await users.replacePasswordHash(user.id, outdatedHash, replacement);
    log.info(
      { userId: user.id },
      replaced
        ? "password hash upgraded to the current scheme"
        : "password hash changed meanwhile; left as it is",
    );
  } catch (error) {
    log.error({ userId: user.id, error: describeError(error) }, "password hash upgrade failed");
  }
}
