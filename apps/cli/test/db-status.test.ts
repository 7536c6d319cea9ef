import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, djangoHashVectors, querySql } from "@otas/core/testing";
import { describe, expect, it } from "vitest";
import { TEST_JWT_SECRET } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe("otas-users db status", () => {
  it("counts users on Django's scrypt, argon2 and bcrypt_sha256 hashes, which login upgrades", async () => {
    const database = await createTestDatabase("sqlite");
    const dataDir = await mkdtemp(join(tmpdir(), "otas-cli-status-"));
    try {
      const { vectors } = djangoHashVectors();
      for (const [index, { encoded }] of vectors.entries()) {
        await querySql(
          database.url,
          `INSERT INTO users VALUES ('id-${index}', 'A', '', 'B', 'u${index}@example.com', '${encoded}',
             '2026-11-29T14:54:43.123456+00:00', '2026-11-29T14:54:43.123456+00:00')`,
        );
      }
      const env = {
        DATABASE_URL: database.url,
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: dataDir,
      };
      const status = await runBinary(["db", "status"], { env });
      expect(status.status).toBe(0);
      expect(status.stdout).toContain(
        "  users:       12: bcrypt 0, Django PBKDF2 0, Django scrypt 4, Django argon2 5, Django bcrypt_sha256 3, unusable 0, unknown 0\n",
      );
      expect(status.stdout).toContain("         3  Django argon2id v=19, m=102400 t=2 p=8\n");
      expect(status.stdout).toContain("         3  Django bcrypt_sha256, cost 12\n");
      expect(status.stdout).toContain(
        "  The next login of 12 of them replaces their hash with the current scheme.",
      );
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
