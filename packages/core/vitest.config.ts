import { defineConfig } from "vitest/config";

// PostgreSQL tests each create and drop their own database, so files may run in parallel.
// Timeouts allow for the tests that run the Prisma CLI as a child process (~2 s a command,
// 20-55 s a test on a loaded 2-core machine).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
