import { DomainError } from "../errors/domain-error.js";
import type { UserRecord } from "./user.js";
import type { NewUser, UserRepository } from "./user-repository.js";

/**
 * A {@link UserRepository} in a Map, for unit tests and trials. It keeps the same rules as the
 * database: unique email, records copied in and out so callers cannot alias stored state.
 */
export function createInMemoryUserRepository(): UserRepository & {
  size(): number;
  /** The user's password hash (null: no such user), as a database's own statements see it. */
  passwordHashOf(id: string): string | null;
} {
  const byId = new Map<string, NewUser>();
  const strip = ({ passwordHash: _hash, ...user }: NewUser): UserRecord => ({ ...user });
  return {
    async insert(user) {
      for (const existing of byId.values()) {
        if (existing.email === user.email)
          throw new DomainError("user_already_exists", undefined, undefined, { fields: ["email"] });
      }
      byId.set(user.id, { ...user });
      return strip(user);
    },
    async findById(id) {
      const user = byId.get(id);
      return user ? strip(user) : null;
    },
    async updateProfile(id, profile) {
      const user = byId.get(id);
      if (!user) return null;
      const updated = { ...user, ...profile };
      byId.set(id, updated);
      return strip(updated);
    },
    async updatePassword(id, passwordHash, updatedAt) {
      const user = byId.get(id);
      if (!user) return false;
      byId.set(id, { ...user, passwordHash, updatedAt });
      return true;
    },
    async replacePasswordHash(id, expected, replacement) {
      const user = byId.get(id);
      if (user?.passwordHash !== expected) return false;
      byId.set(id, { ...user, passwordHash: replacement });
      return true;
    },
    async findCredentialsByEmail(email) {
      for (const user of byId.values()) {
        if (user.email === email) return { user: strip(user), passwordHash: user.passwordHash };
      }
      return null;
    },
    async list({ emailContains = "", limit, offset }) {
      const matching = [...byId.values()]
        .filter((user) => user.email.toLowerCase().includes(emailContains.toLowerCase()))
        .sort((a, b) => (a.email < b.email ? -1 : 1));
      return {
        total: matching.length,
        users: matching
          .slice(offset, offset + limit)
          .map((user) => ({ user: strip(user), passwordHash: user.passwordHash })),
      };
    },
    async referencesTo() {
      return [];
    },
    async delete(id) {
      return byId.delete(id) ? "deleted" : "not_found";
    },
    size: () => byId.size,
    passwordHashOf: (id) => byId.get(id)?.passwordHash ?? null,
  };
}
