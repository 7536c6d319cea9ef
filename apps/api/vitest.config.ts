import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Each file starts real servers over real databases; two cores run two files at a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
