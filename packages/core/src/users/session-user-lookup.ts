import type { SessionCutoffRepository } from "../password-reset/session-cutoff-repository.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** A token's user, with the moment before which their sessions were ended (null: never). */
export interface SessionUser {
  user: UserRecord;
  notBefore: Date | null;
}

/**
 * What checking a token reads, on every authenticated request: the user and their session
 * cut-off together (in SQL one query, see `createSqlSessionUserLookup`).
 */
export interface SessionUserLookup {
  find(userId: string): Promise<SessionUser | null>;
}

/** The lookup as two reads of the repositories (for the in-memory ones of unit tests). */
export function composeSessionUserLookup(
  users: Pick<UserRepository, "findById">,
  sessions: Pick<SessionCutoffRepository, "notBefore">,
): SessionUserLookup {
  return {
    async find(userId) {
      const [user, notBefore] = await Promise.all([
        users.findById(userId),
        sessions.notBefore(userId),
      ]);
      return user === null ? null : { user, notBefore };
    },
  };
}
