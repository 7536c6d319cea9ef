import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, run } from "./support/run-script.js";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * A Node service of OTAS in another repository: @otas/core packed, installed with npm into a
 * folder outside the workspace (no pnpm, no workspace links, no `prisma/` folder above it), and
 * the README's script run there with tsx.
 */
describe("@otas/core installed from a packed tarball, outside the workspace", () => {
  let consumer: string;
  let postgres: TestDatabase;
  beforeAll(async () => {
    consumer = await mkdtemp(path.join(tmpdir(), "otas-core-consumer-"));
    const packed = await run("pnpm", ["pack", "--pack-destination", consumer], {
      cwd: path.join(ROOT, "packages/core"),
    });
    expect(packed.status, packed.stderr).toBe(0);
    const [tarball] = (await readdir(consumer)).filter((name) => name.endsWith(".tgz"));
    const tsx = JSON.parse(
      await readFile(path.join(ROOT, "scripts/node_modules/tsx/package.json"), "utf8"),
    ) as { version: string };
    await writeFile(
      path.join(consumer, "package.json"),
      `${JSON.stringify({ name: "otas-consumer", private: true, type: "module" })}\n`,
    );
    const installed = await run(
      "npm",
      ["install", "--no-audit", "--no-fund", `./${tarball}`, `tsx@${tsx.version}`],
      { cwd: consumer },
    );
    expect(installed.status, installed.stderr).toBe(0);
    await copyFile(
      path.join(ROOT, "scripts/create-user.ts"),
      path.join(consumer, "create-user.ts"),
    );
    postgres = await createTestDatabase("postgresql", { migrate: false });
  });
  afterAll(async () => {
    await postgres?.drop();
    if (consumer !== undefined) await rm(consumer, { recursive: true, force: true });
  });

  it("ships a manifest npm reads, the build, the types and the migrations", async () => {
    const dir = path.join(consumer, "node_modules/@otas/core");
    const manifest = await readFile(path.join(dir, "package.json"), "utf8");
    expect(manifest).not.toMatch(/"(workspace|catalog):/);
    const files = await readdir(dir);
    expect(files.sort()).toEqual(["dist", "migrations", "package.json", "src"]);
    expect(await readdir(path.join(dir, "migrations/postgresql"))).toEqual(
      await readdir(path.join(ROOT, "prisma/postgresql/migrations")),
    );
  });

  it.each(["sqlite", "postgresql"] as const)(
    "runs the README's script on a fresh %s database, migrating it from the package",
    async (provider) => {
      const url =
        provider === "sqlite"
          ? `file:${path.join(consumer, `data-${provider}/otas.db`)}`
          : postgres.url;
      const env = {
        DATABASE_URL: url,
        DATA_DIR: path.join(consumer, `data-${provider}`),
        BCRYPT_ROUNDS: "4",
      };
      const args = ["--import", "tsx", "create-user.ts", "ada@example.com", "Ada", "Lovelace"];
      const first = await run(process.execPath, args, { cwd: consumer, env, stdin: "secret1\n" });
      expect(first.stdout).toMatch(new RegExp(`^created ada@example\\.com \\(${UUID}\\)\\n$`));
      expect(first.status, first.stderr).toBe(0);
      const again = await run(process.execPath, args, { cwd: consumer, env, stdin: "secret1\n" });
      expect([again.status, again.stderr.trim().split("\n").at(-1)]).toEqual([
        1,
        "user_already_exists",
      ]);
    },
  );
});
