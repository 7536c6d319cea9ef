export { type AdminUser, normalizeEmail } from "./admin/admin-user.js";
export {
  type DatabaseStatus,
  databaseStatus,
  type PasswordCounts,
  type UsersTableState,
} from "./admin/database-status.js";
export { type DeleteUserResult, deleteUser } from "./admin/delete-user.js";
export { findUser, type UserDetails } from "./admin/find-user.js";
export { listUsers, type UserPage } from "./admin/list-users.js";
export { setUserPassword } from "./admin/set-user-password.js";
export { signOutUser, type UserSignOut } from "./admin/sign-out-user.js";
export { type UserSessions, userSessions } from "./admin/user-sessions.js";
export {
  createPasswordHasher,
  type HashingObserver,
  type PasswordHasher,
  type PasswordVerdict,
} from "./auth/password-hasher.js";
export {
  classifyPasswordHash,
  type PasswordFamily,
  type PasswordScheme,
  passwordFamily,
} from "./auth/password-scheme.js";
export {
  createJwtIssuer,
  type IssuedToken,
  type TokenIssuer,
  type UserTokenClaims,
} from "./auth/token-issuer.js";
export { createJwtVerifier, type TokenVerifier } from "./auth/token-verifier.js";
export {
  ConfigError,
  type CoreEnv,
  coreEnvSchema,
  migrationDatabaseUrl,
  parseEnv,
  refineCoreEnv,
} from "./config/env.js";
export { resolveJwtSecret } from "./config/jwt-secret.js";
export { IncompatibleUsersTableError } from "./db/adopt-users-table.js";
export { parseDatabaseUrl } from "./db/database-url.js";
export { migrateDatabase } from "./db/migrate.js";
export {
  type Database,
  type DatabaseClient,
  databaseTimeLimits,
  type OpenDatabaseOptions,
  openDatabase,
} from "./db/open-database.js";
export {
  empty,
  isForeignKeyViolation,
  isUniqueViolation,
  join,
  raw,
  type Sql,
  type SqlClient,
  sql,
} from "./db/sql-client.js";
export { instantParam } from "./db/sql-instant.js";
export {
  createUserDeps,
  type UserDeps,
  type UserDepsSettings,
  withLog,
} from "./dependencies.js";
export {
  DomainError,
  type DomainErrorCode,
  type DomainErrorReason,
  domainErrorCodes,
  isDomainErrorCode,
} from "./errors/domain-error.js";
export { describeError, type OperatorLog, processWarningLog } from "./logging/operator-log.js";
export {
  type ConfiguredDeps,
  openConfiguredDeps,
  type PrepareOptions,
  prepareConfiguredDatabase,
} from "./open-configured.js";
export { createInMemoryPasswordResetRepository } from "./password-reset/in-memory-password-reset-repository.js";
export { createInMemorySessionCutoffRepository } from "./password-reset/in-memory-session-cutoff-repository.js";
export type {
  PasswordResetRepository,
  StoredResetToken,
} from "./password-reset/password-reset-repository.js";
export {
  type PasswordResetLink,
  type PasswordResetSettings,
  type RequestPasswordResetDeps,
  requestPasswordReset,
} from "./password-reset/request-password-reset.js";
export {
  type RequestPasswordResetInput,
  requestPasswordResetInput,
  requestPasswordResetOutput,
} from "./password-reset/request-password-reset.schema.js";
export { type ResetPasswordDeps, resetPassword } from "./password-reset/reset-password.js";
export {
  type ResetPasswordInput,
  resetPasswordInput,
  resetPasswordOutput,
} from "./password-reset/reset-password.schema.js";
export { resetTokenDigest } from "./password-reset/reset-token.js";
export { issuedBeforeCutoff, wholeSecondAfter } from "./password-reset/session-cutoff.js";
export type { SessionCutoffRepository } from "./password-reset/session-cutoff-repository.js";
export { singleMailbox } from "./password-reset/single-mailbox.js";
export { createSqlPasswordResetRepository } from "./password-reset/sql-password-reset-repository.js";
export { createSqlSessionCutoffRepository } from "./password-reset/sql-session-cutoff-repository.js";
export {
  type DeliverResetMailDeps,
  type DeliveryOutcome,
  type DeliverySettings,
  deliverResetMail,
  type SendFailure,
} from "./reset-mail/deliver-reset-mail.js";
export { createInMemoryResetMailOutbox } from "./reset-mail/in-memory-reset-mail-outbox.js";
export { createMailSealer, type MailSealer } from "./reset-mail/mail-sealer.js";
export {
  type QueueResetMailDeps,
  queueResetMail,
} from "./reset-mail/queue-reset-mail.js";
export type {
  OutboxDepth,
  ResetMail,
  ResetMailContent,
  ResetMailOutbox,
} from "./reset-mail/reset-mail-outbox.js";
export { createSqlResetMailOutbox } from "./reset-mail/sql-reset-mail-outbox.js";
export type { Caller, CallerSession } from "./sessions/caller-session.js";
export { endOtherSessions, endOtherSessionsOutput } from "./sessions/end-other-sessions.js";
export { endSession } from "./sessions/end-session.js";
export {
  type EndSessionInput,
  endSessionInput,
  endSessionOutput,
} from "./sessions/end-session.schema.js";
export { type EndSessionsDeps, endSessions } from "./sessions/end-sessions.js";
export { createInMemorySessionRepository } from "./sessions/in-memory-session-repository.js";
export {
  type ListSessionsOutput,
  listSessions,
  listSessionsOutput,
  SESSIONS_LISTED,
} from "./sessions/list-sessions.js";
export {
  SESSION_USE_INTERVAL_MS,
  type SessionDto,
  type SessionRecord,
  sessionSchema,
  toSessionDto,
} from "./sessions/session.js";
export { createSessionActivity, type SessionActivity } from "./sessions/session-activity.js";
export {
  addressNetwork,
  type SessionClient,
  type StoredClient,
  storedClient,
} from "./sessions/session-client.js";
export { SESSION_ID, type TokenSessionKey, tokenSessionKey } from "./sessions/session-id.js";
export type {
  SessionPage,
  SessionRepository,
  SweptRows,
  TokenRevocation,
} from "./sessions/session-repository.js";
export { signOut } from "./sessions/sign-out.js";
export { signOutEverywhere } from "./sessions/sign-out-everywhere.js";
export { createSqlSessionRepository } from "./sessions/sql-session-repository.js";
export { type StartSessionDeps, startSession } from "./sessions/start-session.js";
export { type SweepLimits, sweepExpiredSessions } from "./sessions/sweep-expired-sessions.js";
export { tokenRefusal } from "./sessions/token-refusal.js";
export { codePointLength, pythonStrip } from "./text/python-text.js";
export { type EpochMicros, epochMicros, parseTimestamp } from "./time/epoch-micros.js";
export { pythonIsoformat } from "./time/python-isoformat.js";
export {
  boundedWaitMs,
  Deadline,
  TimeLimitError,
} from "./time-limits/deadline.js";
export { isTimeLimitFailure } from "./time-limits/time-limit-failure.js";
export { type CreateUserRequest, openUserService, type UserService } from "./user-service.js";
export {
  type AuthenticatedUser,
  type AuthenticateUserDeps,
  authenticateUser,
} from "./users/authenticate-user.js";
export { type CreateUserDeps, createUser } from "./users/create-user.js";
export {
  type CreateUserInput,
  type CreateUserOutput,
  createUserInput,
  createUserOutput,
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "./users/create-user.schema.js";
export { createInMemoryUserRepository } from "./users/in-memory-user-repository.js";
export { type LoginUserDeps, loginUser } from "./users/login-user.js";
export {
  type LoginUserInput,
  type LoginUserOutput,
  loginUserInput,
  loginUserOutput,
} from "./users/login-user.schema.js";
export { type RegisterUserDeps, registerUser } from "./users/register-user.js";
export {
  composeSessionUserLookup,
  type SessionReads,
  type SessionUser,
  type SessionUserLookup,
  type StoredSessionState,
} from "./users/session-user-lookup.js";
export { createSqlSessionUserLookup } from "./users/sql-session-user-lookup.js";
export { createSqlUserRepository } from "./users/sql-user-repository.js";
export { type UpdatePasswordDeps, updatePassword } from "./users/update-password.js";
export {
  type UpdatePasswordInput,
  updatePasswordInput,
  updatePasswordOutput,
} from "./users/update-password.schema.js";
export { type UpdateProfileDeps, updateProfile } from "./users/update-profile.js";
export {
  type UpdateProfileInput,
  type UpdateProfileOutput,
  updateProfileInput,
  updateProfileOutput,
} from "./users/update-profile.schema.js";
export { toUserDto, type UserDto, type UserRecord, userSchema } from "./users/user.js";
export type {
  NewUser,
  UserDeletion,
  UserListQuery,
  UserReference,
  UserRepository,
} from "./users/user-repository.js";
export {
  domainErrorFromIssues,
  parseInput,
  withContractErrors,
} from "./validation/domain-error-from-issues.js";
