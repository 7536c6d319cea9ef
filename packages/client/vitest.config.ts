import { defineConfig } from "vitest/config";

// The runtime tests start a real API server over a real PostgreSQL test database.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: false },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
