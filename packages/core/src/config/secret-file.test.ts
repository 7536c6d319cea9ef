import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveJwtSecret } from "./jwt-secret.js";

const SECRET = "a-kept-development-secret-of-48-bytes-0123456789";

/** Options of a development start on `dataDir` without JWT_SECRET. */
const development = (dataDir: string) => ({
  secret: undefined,
  production: false,
  dataDir,
  warn: () => {},
});

/** A file holding the secret with `mode`, in a folder of its own. */
function secretFile(mode: number): string {
  const file = join(mkdtempSync(join(tmpdir(), "otas-secret-target-")), "secret");
  writeFileSync(file, SECRET);
  chmodSync(file, mode);
  return file;
}

// The audit's reproductions: a development secret readable by everyone (0644), or a link to such
// a file, was used as it was; only writable ones were refused. (A FIFO in its place, which hung
// the start, is a process test: apps/api/test/process/development-secret.test.ts.)
describe.skipIf(process.platform === "win32")("the kept development secret's file", () => {
  it.each([0o644, 0o640, 0o604, 0o400 | 0o040])(
    "is refused when others can read it (mode %o)",
    (mode) => {
      const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
      writeFileSync(join(dataDir, "jwt-secret"), SECRET);
      chmodSync(join(dataDir, "jwt-secret"), mode);
      expect(() => resolveJwtSecret(development(dataDir))).toThrow(
        /JWT_SECRET: unset, and the development secret cannot be used: .*jwt-secret is readable by others \(mode \d{3}\); chmod 600 it/,
      );
    },
  );

  it("is refused when it is a link to a file others can read", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    symlinkSync(secretFile(0o644), join(dataDir, "jwt-secret"));
    expect(() => resolveJwtSecret(development(dataDir))).toThrow(/is readable by others/);
  });

  it("is used when it is a link to a private file", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    symlinkSync(secretFile(0o600), join(dataDir, "jwt-secret"));
    expect(resolveJwtSecret(development(dataDir))).toBe(SECRET);
  });

  it("is refused when it is a folder", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    mkdirSync(join(dataDir, "jwt-secret"));
    expect(() => resolveJwtSecret(development(dataDir))).toThrow(/is not a regular file/);
  });
});
