import {
  type CreateUserInput,
  createUserInput,
  DomainError,
  parseInput,
  registerUser,
  type UserDeps,
  type UserRepository,
} from "@otas/core";
import type { RowResult } from "./row-result.js";
import type { SourceRecord } from "./source-record.js";

/**
 * Creates the user of one record through core's use case, as the REST API would (without signing
 * them in: no session, no token), and says what happened. Validation failures are `invalid` with the contract's code; a taken email is
 * `exists`, so importing a file twice creates nothing the second time. Anything else is
 * `failed`, handed to `onUnexpected` (the reason stays a bare code: database errors can quote
 * the values they were given).
 */
export async function importRecord(
  record: SourceRecord,
  deps: UserDeps,
  onUnexpected: (error: unknown, row: number) => void,
): Promise<RowResult> {
  const { row } = record;
  if ("problem" in record) {
    return { row, email: record.email, outcome: "invalid", reason: record.problem };
  }
  let input: CreateUserInput;
  try {
    input = parseInput(createUserInput, record.fields);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { row, email: rawEmail(record.fields), outcome: "invalid", reason: error.message };
  }
  const { email } = input;
  try {
    if (await isRegistered(deps.users, email)) return { row, email, outcome: "exists" };
    const { user } = await registerUser(input, deps);
    return { row, email, outcome: "created", user_id: user.id };
  } catch (error) {
    // The check above can race with another writer; the unique constraint settles it.
    if (error instanceof DomainError && error.code === "user_already_exists") {
      return { row, email, outcome: "exists" };
    }
    onUnexpected(error, row);
    const code = (error as { code?: unknown } | null)?.code;
    return {
      row,
      email,
      outcome: "failed",
      reason: `unexpected_error${typeof code === "string" ? `: ${code}` : ""}`,
    };
  }
}

/**
 * Whether the email is taken, looked up before hashing: bcrypt is nearly all of a row's cost,
 * so a re-run of a file does no hashing for the users it already created. The repository has no
 * lookup by email without the hash yet, so the credentials lookup is used and the hash dropped
 * here, unread.
 */
async function isRegistered(users: UserRepository, email: string): Promise<boolean> {
  return (await users.findCredentialsByEmail(email)) !== null;
}

/** The email as written in a row that failed validation, for the report. */
function rawEmail(fields: unknown): string {
  if (typeof fields !== "object" || fields === null) return "";
  const email = (fields as { email?: unknown }).email;
  return typeof email === "string" ? email.trim() : "";
}
