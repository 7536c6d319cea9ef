import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUserDeps, openDatabase, type UserDeps } from "@otas/core";
import { createTestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll } from "vitest";

export type Provider = "sqlite" | "postgresql";
export const providers: Provider[] = ["sqlite", "postgresql"];

/** The secret the CLI signs with in tests; tests verify its tokens with it. */
export const TEST_JWT_SECRET = "cli-test-secret-that-is-at-least-32-bytes";

/** A fresh database of one provider, the environment that points the CLI at it, and a look inside. */
export interface CliDatabase {
  /** DATABASE_URL, JWT_SECRET, BCRYPT_ROUNDS=4 and a temporary DATA_DIR. */
  readonly env: Record<string, string>;
  /** Core's dependencies on the same database, to check what the CLI stored. */
  readonly deps: UserDeps;
  countUsers(): Promise<number>;
}

/** Creates the database before the file's tests and drops it after them. */
export function useCliDatabase(provider: Provider): CliDatabase {
  let env: Record<string, string> = {};
  let deps: UserDeps | undefined;
  let count: () => Promise<number> = async () => 0;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const testDatabase = await createTestDatabase(provider);
    cleanups.push(() => testDatabase.drop());
    const dataDir = await mkdtemp(join(tmpdir(), "otas-cli-data-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const database = await openDatabase(testDatabase.url);
    cleanups.push(() => database.close());
    deps = createUserDeps(database.sql, {
      jwtSecret: TEST_JWT_SECRET,
      jwtValidityDays: 30,
      bcryptRounds: 4,
    });
    count = async () => (await database.prisma()).user.count();
    env = {
      DATABASE_URL: testDatabase.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: "4",
      DATA_DIR: dataDir,
    };
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return {
    get env() {
      return env;
    },
    get deps() {
      if (deps === undefined) throw new Error("the database is opened in beforeAll");
      return deps;
    },
    countUsers: () => count(),
  };
}
