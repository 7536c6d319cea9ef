import { z } from "zod";
import type { EpochMicros } from "../time/epoch-micros.js";
import { pythonIsoformat } from "../time/python-isoformat.js";

/** A stored user as core sees it. The password hash is deliberately not part of it. */
export interface UserRecord {
  id: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  email: string;
  /** Microseconds, as the original wrote them: a Date would drop the last three digits. */
  createdAt: EpochMicros;
  updatedAt: EpochMicros;
}

/** The user object of the legacy contract: exactly these keys, timestamps in Python form. */
export const userSchema = z
  .object({
    id: z.uuid().describe("Lowercase UUID v4."),
    first_name: z.string(),
    middle_name: z.string().describe('"" when the user has no middle name.'),
    last_name: z.string(),
    email: z.string().describe("Trimmed and lowercased."),
    created_at: z.string().describe("UTC, Python isoformat: 2026-04-16T10:00:00.123456+00:00."),
    updated_at: z.string().describe("UTC, Python isoformat: 2026-04-16T10:00:00.123456+00:00."),
  })
  .meta({ id: "User" });

export type UserDto = z.infer<typeof userSchema>;

/** Maps a stored user to the contract's user object. */
export function toUserDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    first_name: user.firstName,
    middle_name: user.middleName ?? "",
    last_name: user.lastName,
    email: user.email,
    created_at: pythonIsoformat(user.createdAt),
    updated_at: pythonIsoformat(user.updatedAt),
  };
}
