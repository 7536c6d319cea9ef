import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The process tests spawn the built server; compile it when the sources are newer.
    globalSetup: ["test/support/build-server.ts"],
    // Each file starts real servers over real databases; two cores run two files at a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "api",
          include: ["test/**/*.test.ts", "src/**/*.test.ts"],
          exclude: ["test/browser/**"],
        },
      },
      // Drives Debian's Chromium (`vitest run --project browser` runs it alone).
      {
        extends: true,
        test: { name: "browser", include: ["test/browser/**/*.test.ts"], testTimeout: 90_000 },
      },
    ],
  },
});
