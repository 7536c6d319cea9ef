import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test runs real scripts (processes) on real databases, and one packs and installs
    // @otas/core from the npm registry into a folder outside the workspace.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
