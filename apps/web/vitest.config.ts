import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The flows test drives Chromium against a real server on a shared machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
