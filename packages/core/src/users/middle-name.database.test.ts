import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../db/sql-client.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";
import { updateProfile } from "./update-profile.js";
import { updateProfileInput } from "./update-profile.schema.js";

describe.each(["sqlite", "postgresql"] as const)("middle_name as stored on %s", (provider) => {
  let opened: TestDeps;
  beforeAll(async () => {
    opened = await openTestDeps(provider);
  });
  afterAll(async () => {
    await opened?.close();
  });

  /** The column itself: '' and NULL both answer "", only the row tells them apart. */
  const stored = async (id: string) => {
    const [row] = await opened.database.sql.query<{ middle_name: string | null }>(
      sql`SELECT middle_name FROM users WHERE CAST(id AS text) = ${id}`,
    );
    return row?.middle_name;
  };

  it("is '' without one, as the original's API stores it, at sign-up and on edit", async () => {
    const { deps } = opened;
    const signUp = (extra: Record<string, unknown>) =>
      createUser(
        parseInput(createUserInput, {
          first_name: "Ada",
          last_name: "Lovelace",
          email: `middle.${randomUUID()}@example.com`,
          password: "secret1",
          ...extra,
        }),
        deps,
      );
    for (const extra of [{}, { middle_name: null }, { middle_name: "  " }]) {
      const { user } = await signUp(extra);
      expect(user.middle_name).toBe("");
      expect(await stored(user.id)).toBe("");
    }

    const { user } = await signUp({ middle_name: "King" });
    expect(await stored(user.id)).toBe("King");
    const record = await deps.users.findById(user.id);
    if (record === null) throw new Error("the user is gone");
    const edited = await updateProfile(
      parseInput(updateProfileInput, { first_name: "Ada", last_name: "Lovelace" }),
      { user: record },
      deps,
    );
    expect(edited.user.middle_name).toBe("");
    expect(await stored(user.id)).toBe("");
  });
});
