import type { PasswordHasher } from "../auth/password-hasher.js";
import { epochMicros } from "../time/epoch-micros.js";
import type { CreateUserInput } from "./create-user.schema.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What registering a user needs. */
export interface RegisterUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  now: () => Date;
  newId: () => string;
}

/**
 * Stores a user from an already parsed {@link CreateUserInput}, without signing them in (an
 * import; sign-up is `createUser`). Uniqueness of the email is left to the repository (the
 * database's unique constraint), so it holds under concurrency: the losers of a race get
 * `user_already_exists`.
 * @returns the user, and the hash stored (for the session a sign-up starts; it stays in core).
 */
export async function registerUser(
  { first_name, middle_name, last_name, email, password }: CreateUserInput,
  { users, hasher, now, newId }: RegisterUserDeps,
): Promise<{ user: UserRecord; passwordHash: string }> {
  const passwordHash = await hasher.hash(password);
  const createdAt = epochMicros(now());
  const user = await users.insert({
    id: newId(),
    firstName: first_name,
    // As the original's API stores an absent middle name: '' (NULL only came from its model code).
    middleName: middle_name ?? "",
    lastName: last_name,
    email,
    passwordHash,
    createdAt,
    updatedAt: createdAt,
  });
  return { user, passwordHash };
}
