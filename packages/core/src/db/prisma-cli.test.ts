import { describe, expect, it } from "vitest";
import { runPrismaCli } from "../testing/prisma-cli.js";
import { tableColumns } from "../testing/sql.js";
import { createTestDatabase } from "../testing/test-database.js";
import { migrateDatabase } from "./migrate.js";

// The Prisma CLI through /prisma.config.ts, i.e. through tools/prisma-engine offline. Each CLI
// run loads the wasm engine (~2 s alone, far more on a busy 2-core machine), hence the timeout.
const CLI_TEST_TIMEOUT_MS = 120_000;

describe.concurrent.each(["sqlite", "postgresql"] as const)("prisma migrate on %s", (provider) => {
  it(
    "deploys to a fresh database, reports it up to date, and our migrator accepts it",
    async () => {
      const database = await createTestDatabase(provider, { migrate: false });
      try {
        const deploy = await runPrismaCli(["migrate", "deploy"], database.url);
        expect(deploy.output).toMatch(/All migrations have been successfully applied/);
        expect(deploy.exitCode).toBe(0);
        expect(await tableColumns(database.url, "users")).toContain("password");

        const status = await runPrismaCli(["migrate", "status"], database.url);
        expect(status.output).toContain("Database schema is up to date!");
        expect(status.exitCode).toBe(0);

        expect(await migrateDatabase(database.url)).toEqual({ applied: [], unknown: [] });
      } finally {
        await database.drop();
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
