import { readFile } from "node:fs/promises";
import { coreEnvSchema } from "@otas/core";
import { describe, expect, it } from "vitest";
import { cliEnvSchema } from "../src/env.js";

const PAGE = new URL("../../../docs/configuration.md", import.meta.url);
const SECTION = "## `otas-users` only (`apps/cli`)";

/**
 * The CLI's own settings in docs/configuration.md (core's are checked with the server's, by
 * apps/api/test/docs/configuration.test.ts): `| `NAME` | default | meaning |` rows.
 */
async function documented(): Promise<{ name: string; default: string }[]> {
  const page = await readFile(PAGE, "utf8");
  const start = page.indexOf(`\n${SECTION}\n`);
  expect(start, `docs/configuration.md has no "${SECTION}"`).toBeGreaterThan(0);
  const end = page.indexOf("\n## ", start + 1);
  return [...page.slice(start, end).matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/gm)].map(
    (match) => ({ name: match[1] as string, default: (match[2] as string).trim() }),
  );
}

describe("docs/configuration.md, for otas-users", () => {
  it("documents each setting only the CLI reads, and no other, with its default", async () => {
    const own = Object.keys(cliEnvSchema.shape).filter((name) => !(name in coreEnvSchema.shape));
    const settings = await documented();
    expect(settings.map((setting) => setting.name).sort()).toEqual(own.sort());
    for (const setting of settings) {
      const schema = cliEnvSchema.shape[setting.name as keyof typeof cliEnvSchema.shape];
      const unset = schema.safeParse(undefined);
      expect(unset.success).toBe(true);
      if (setting.default === "unset") expect(unset.data, setting.name).toBeUndefined();
      else expect(schema.safeParse(setting.default.slice(1, -1)).data).toEqual(unset.data);
    }
  });
});
