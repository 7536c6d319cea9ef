import { defineConfig } from "vitest/config";

// The type-level tests run under `tsc` (the typecheck task); the client against a real server is
// tested by the server app (apps/api/test/client.test.ts), since a package never imports an app.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: false },
    // The pack test runs pnpm, npm and tsc on a shared machine.
    testTimeout: 60_000,
  },
});
