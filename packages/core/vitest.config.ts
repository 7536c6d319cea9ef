import { defineConfig } from "vitest/config";

// PostgreSQL tests each create and drop their own database, so files may run in parallel.
// Timeouts allow for the tests that run the Prisma CLI as a child process (~2 s a command).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
