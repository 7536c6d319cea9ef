import type { EpochMicros } from "../time/epoch-micros.js";
import type { UserRecord } from "./user.js";

/** What creating a user stores. */
export interface NewUser extends UserRecord {
  passwordHash: string;
}

/**
 * Persistence of users. Implementations select explicit columns so the password hash only
 * leaves storage through {@link UserRepository.findCredentialsByEmail}.
 */
export interface UserRepository {
  /**
   * Stores a new user. Throws `DomainError("user_already_exists")` when the email is taken,
   * relying on the store's unique constraint so the rule holds under concurrency.
   */
  insert(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  /** Replaces the names; null when the user no longer exists. */
  updateProfile(
    id: string,
    profile: Pick<UserRecord, "firstName" | "middleName" | "lastName" | "updatedAt">,
  ): Promise<UserRecord | null>;
  /** Replaces the password hash; false when the user no longer exists. */
  updatePassword(id: string, passwordHash: string, updatedAt: EpochMicros): Promise<boolean>;
  /**
   * Replaces the password hash only while it is still `expected` (compare-and-set), leaving
   * `updated_at` alone: the user changed nothing. False when the hash changed meanwhile or the
   * user is gone.
   */
  replacePasswordHash(id: string, expected: string, replacement: string): Promise<boolean>;
  /** The user and the password hash, for login only. */
  findCredentialsByEmail(email: string): Promise<{ user: UserRecord; passwordHash: string } | null>;
}
