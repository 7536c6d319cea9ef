import type { UserRepository } from "../users/user-repository.js";
import { type AdminUser, toAdminUser } from "./admin-user.js";

/** One page of {@link listUsers}. */
export interface UserPage {
  total: number;
  page: number;
  per_page: number;
  users: AdminUser[];
}

/**
 * A page of users ordered by email, optionally only those whose email contains `emailContains`
 * (case-insensitive). Pages count from 1.
 */
export async function listUsers(
  { emailContains, page, perPage }: { emailContains?: string; page: number; perPage: number },
  { users }: { users: UserRepository },
): Promise<UserPage> {
  const { total, users: rows } = await users.list({
    ...(emailContains === undefined ? {} : { emailContains }),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  return {
    total,
    page,
    per_page: perPage,
    users: rows.map(({ user, passwordHash }) => toAdminUser(user, passwordHash)),
  };
}
