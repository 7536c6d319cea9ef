import type { EpochMicros } from "../time/epoch-micros.js";
import type { UserRecord } from "./user.js";

/** What creating a user stores. */
export interface NewUser extends UserRecord {
  passwordHash: string;
}

/** A page of users, for administration: `emailContains` matches case-insensitively. */
export interface UserListQuery {
  emailContains?: string;
  limit: number;
  offset: number;
}

/** Rows of another table that point at a user (the original's projects, agents, ...). */
export interface UserReference {
  table: string;
  column: string;
  rows: number;
}

/** What deleting a user did. */
export type UserDeletion = "deleted" | "not_found" | "referenced";

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
  /** The user and the password hash, for login and administration only. */
  findCredentialsByEmail(email: string): Promise<{ user: UserRecord; passwordHash: string } | null>;
  /** A page of users ordered by email, with their hashes (administration only), and the total. */
  list(
    query: UserListQuery,
  ): Promise<{ total: number; users: { user: UserRecord; passwordHash: string }[] }>;
  /** Every foreign key to `users.id` that holds this user's id, with its row count. */
  referencesTo(id: string): Promise<UserReference[]>;
  /** Deletes the user unless another table still references it (then nothing is deleted). */
  delete(id: string): Promise<UserDeletion>;
}
