import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlClient } from "../db/sql-client.js";
import { raw, sql } from "../db/sql-client.js";
import type { UserDeps } from "../dependencies.js";
import { requestPasswordReset } from "../password-reset/request-password-reset.js";
import { resetPassword } from "../password-reset/reset-password.js";
import { querySql } from "../testing/sql.js";
import { createTestDatabase } from "../testing/test-database.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { updateProfile } from "../users/update-profile.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { parseTimestamp } from "./epoch-micros.js";
import { MicrosecondDate, plusMilliseconds } from "./microsecond-date.js";

/** A timestamp column as stored, to the microsecond, in the form `2026-11-29T14:54:35.480123`. */
async function stored(db: SqlClient, table: string, column: string, userId: string) {
  const text =
    db.provider === "postgresql"
      ? sql`to_char(${raw(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS value`
      : sql`substr(${raw(column)}, 1, 26) AS value`;
  const key = table === "users" ? "id" : "user_id";
  const [row] = await db.query<{ value: string }>(
    sql`SELECT ${text} FROM ${raw(table)} WHERE ${raw(key)} = ${userId}`,
  );
  return row?.value;
}

describe.each(["sqlite", "postgresql"] as const)("timestamps written on %s", (provider) => {
  let opened: TestDeps;
  beforeAll(async () => {
    opened = await openTestDeps(provider);
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** The production dependencies on a clock the test sets, which waiting moves on. */
  function at(start: string): UserDeps {
    let clock: Date = new MicrosecondDate(parseTimestamp(start));
    return {
      ...opened.deps,
      now: () => clock,
      sleep: async (milliseconds) => {
        clock = plusMilliseconds(clock, milliseconds);
      },
    };
  }

  const signUp = (deps: UserDeps) =>
    createUser(
      parseInput(createUserInput, {
        first_name: "Ada",
        last_name: "Lovelace",
        email: `micro.${randomUUID()}@example.com`,
        password: "secret1",
      }),
      deps,
    );

  it("keeps the clock's microseconds in users, reset tokens and session cut-offs", async () => {
    const db = opened.database.sql;
    const deps = at("2026-11-29T14:54:35.480123Z");
    const { user } = await signUp(deps);
    expect(await stored(db, "users", "created_at", user.id)).toBe("2026-11-29T14:54:35.480123");
    expect(await stored(db, "users", "updated_at", user.id)).toBe("2026-11-29T14:54:35.480123");

    const link = await requestPasswordReset({ email: user.email }, deps);
    const tokens = "password_reset_tokens";
    expect(await stored(db, tokens, "created_at", user.id)).toBe("2026-11-29T14:54:35.480123");
    expect(await stored(db, tokens, "expires_at", user.id)).toBe("2026-11-29T15:54:35.480123");

    // The reset waits for the next whole second (the session cut-off), then writes.
    await resetPassword({ email: user.email, token: link?.token ?? "", password: "new-1" }, deps);
    expect(await stored(db, tokens, "used_at", user.id)).toBe("2026-11-29T14:54:36.000000");
    expect(await stored(db, "session_cutoffs", "not_before", user.id)).toBe(
      "2026-11-29T14:54:36.000000",
    );

    const edit = at("2026-11-29T14:54:37.000007Z");
    const record = await edit.users.findById(user.id);
    if (record === null) throw new Error("the user is gone");
    await updateProfile(
      { first_name: "Ada", middle_name: null, last_name: "King" },
      { user: record },
      edit,
    );
    expect(await stored(db, "users", "updated_at", user.id)).toBe("2026-11-29T14:54:37.000007");
  });

  it("writes microseconds from the service's own clock", async () => {
    const db = opened.database.sql;
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { user } = await signUp(opened.deps);
      written.push((await stored(db, "users", "created_at", user.id)) ?? "");
    }
    // A millisecond clock writes …000 every time; five in a row by chance: one in 10^15.
    expect(written.filter((text) => !text.endsWith("000"))).not.toEqual([]);
  });
});

describe("timestamp columns on postgresql", () => {
  it("all keep six fraction digits, in every table the migrations create", async () => {
    const database = await createTestDatabase("postgresql");
    try {
      const rows = await querySql(
        database.url,
        `SELECT table_name || '.' || column_name AS name, datetime_precision AS digits
         FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' ORDER BY 1`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => row.digits !== 6)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
