import type { UserDeps } from "../dependencies.js";
import { createFakeDeps } from "./fake-deps.js";
import { openTestDeps } from "./test-deps.js";

/** The use cases' dependencies on one store, the secret its tokens are signed with, a clean-up. */
export interface DepsBackend {
  deps: UserDeps;
  secret: string;
  close(): Promise<void>;
}

const secret = "x".repeat(32);

/**
 * The stores the same behaviour is tested on: the in-memory fakes (a clock the test moves) and
 * real SQLite and PostgreSQL (fresh migrated databases, the wall clock), for `describe.each`.
 */
export const depsBackends = {
  "in-memory fakes": async () => {
    const fake = createFakeDeps();
    return { deps: fake.deps, secret: fake.secret, close: async () => {} };
  },
  sqlite: async () => ({ ...(await openTestDeps("sqlite", { jwtSecret: secret })), secret }),
  postgresql: async () => ({
    ...(await openTestDeps("postgresql", { jwtSecret: secret })),
    secret,
  }),
} satisfies Record<string, () => Promise<DepsBackend>>;

/** The names of {@link depsBackends}, for `describe.each`. */
export const depsBackendNames = Object.keys(depsBackends) as (keyof typeof depsBackends)[];
