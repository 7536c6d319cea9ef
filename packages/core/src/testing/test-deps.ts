import { type Database, openDatabase } from "../db/open-database.js";
import { createUserDeps, type UserDeps, type UserDepsSettings } from "../dependencies.js";
import { createTestDatabase } from "./test-database.js";

/** A migrated test database, opened, with the production dependencies wired over it. */
export interface TestDeps {
  /** The database's URL, for a second connection to it. */
  url: string;
  database: Database;
  deps: UserDeps;
  /** Closes the database and drops it. */
  close(): Promise<void>;
}

/**
 * A fresh test database of `provider` with the dependencies the server would build over it
 * (bcrypt cost 4, a 32-byte secret, 30-day tokens, unless `settings` say otherwise).
 */
export async function openTestDeps(
  provider: "sqlite" | "postgresql",
  settings: Partial<UserDepsSettings> = {},
): Promise<TestDeps> {
  const testDatabase = await createTestDatabase(provider);
  const database = await openDatabase(testDatabase.url);
  const deps = createUserDeps(database.sql, {
    jwtSecret: "x".repeat(32),
    jwtValidityDays: 30,
    bcryptRounds: 4,
    ...settings,
  });
  return {
    url: testDatabase.url,
    database,
    deps,
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}
