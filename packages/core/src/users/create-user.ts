import type { PasswordHasher } from "../auth/password-hasher.js";
import type { TokenIssuer } from "../auth/token-issuer.js";
import { epochMicros } from "../time/epoch-micros.js";
import type { CreateUserInput, CreateUserOutput } from "./create-user.schema.js";
import { toUserDto } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What creating a user needs from the outside world. */
export interface CreateUserDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  now: () => Date;
  newId: () => string;
}

/**
 * Registers a user from an already parsed {@link CreateUserInput} and issues their token.
 * Uniqueness of the email is left to the repository (the database's unique constraint), so it
 * holds under concurrency: the losers of a race get `user_already_exists`.
 */
export async function createUser(
  { first_name, middle_name, last_name, email, password }: CreateUserInput,
  { users, hasher, tokens, now, newId }: CreateUserDeps,
): Promise<CreateUserOutput> {
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
  return { user: toUserDto(user), jwt_token: tokens.issue(user) };
}
