import type { SessionClient } from "../sessions/session-client.js";
import { type StartSessionDeps, startSession } from "../sessions/start-session.js";
import type { CreateUserInput, CreateUserOutput } from "./create-user.schema.js";
import { type RegisterUserDeps, registerUser } from "./register-user.js";
import { toUserDto } from "./user.js";

/** What creating a user needs from the outside world. */
export type CreateUserDeps = RegisterUserDeps & StartSessionDeps;

/**
 * Registers a user from an already parsed {@link CreateUserInput} (see `registerUser`) and signs
 * them in: a session from `client`, and its token.
 */
export async function createUser(
  input: CreateUserInput,
  deps: CreateUserDeps,
  client: SessionClient = {},
): Promise<CreateUserOutput> {
  const { user, passwordHash } = await registerUser(input, deps);
  const token = await startSession({ user, passwordHash, client }, deps);
  // Only a change of the brand-new user's password (or its deletion) in between gets here.
  if (token === null) throw new Error("the new user changed before its first session started");
  return { user: toUserDto(user), jwt_token: token };
}
