import { DomainError } from "../errors/domain-error.js";
import type { PrismaClient } from "../generated/sqlite/client.js";
import type { UserRecord } from "./user.js";
import type { UserRepository } from "./user-repository.js";

/** The columns that may leave the repository; the password hash is not among them. */
const publicColumns = {
  id: true,
  firstName: true,
  middleName: true,
  lastName: true,
  email: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Prisma's codes (whichever driver adapter reports them) for the failures we expect. */
const UNIQUE_VIOLATION = "P2002";
const RECORD_NOT_FOUND = "P2025";

function hasPrismaCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/** A {@link UserRepository} over Prisma, for SQLite and PostgreSQL alike. */
export function createPrismaUserRepository(client: PrismaClient): UserRepository {
  return {
    async insert(user): Promise<UserRecord> {
      try {
        return await client.user.create({ data: user, select: publicColumns });
      } catch (error) {
        if (hasPrismaCode(error, UNIQUE_VIOLATION)) throw new DomainError("user_already_exists");
        throw error;
      }
    },
    findById(id) {
      return client.user.findUnique({ where: { id }, select: publicColumns });
    },
    async updateProfile(id, profile) {
      try {
        return await client.user.update({ where: { id }, data: profile, select: publicColumns });
      } catch (error) {
        if (hasPrismaCode(error, RECORD_NOT_FOUND)) return null;
        throw error;
      }
    },
    async updatePassword(id, passwordHash, updatedAt) {
      const { count } = await client.user.updateMany({
        where: { id },
        data: { passwordHash, updatedAt },
      });
      return count > 0;
    },
    async replacePasswordHash(id, expected, replacement) {
      const { count } = await client.user.updateMany({
        where: { id, passwordHash: expected },
        data: { passwordHash: replacement },
      });
      return count > 0;
    },
    async findCredentialsByEmail(email) {
      const row = await client.user.findUnique({
        where: { email },
        select: { ...publicColumns, passwordHash: true },
      });
      if (row === null) return null;
      const { passwordHash, ...user } = row;
      return { user, passwordHash };
    },
  };
}
