import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests run the built binary, so the package is compiled first, whatever ran before.
    globalSetup: ["test/support/build-once.ts"],
    // Each test starts real `otas-users` processes on real databases. The work is in those
    // processes and the test workers mostly wait, so two files at a time keep two cores busy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
