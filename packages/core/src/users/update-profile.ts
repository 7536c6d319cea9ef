import { DomainError } from "../errors/domain-error.js";
import { advancedTime } from "../time/advanced-time.js";
import type { UpdateProfileInput, UpdateProfileOutput } from "./update-profile.schema.js";
import { toUserDto, type UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** What editing a profile needs. */
export interface UpdateProfileDeps {
  users: UserRepository;
  now: () => Date;
}

/**
 * Replaces the authenticated user's names; `created_at` stays, `updated_at` advances. An absent
 * middle name is stored as the original stores it, `''`.
 */
export async function updateProfile(
  { first_name, middle_name, last_name }: UpdateProfileInput,
  { user }: { user: UserRecord },
  { users, now }: UpdateProfileDeps,
): Promise<UpdateProfileOutput> {
  const updated = await users.updateProfile(user.id, {
    firstName: first_name,
    middleName: middle_name ?? "",
    lastName: last_name,
    updatedAt: advancedTime(now(), user.updatedAt),
  });
  if (updated === null) throw new DomainError("invalid_token");
  return { user: toUserDto(updated) };
}
