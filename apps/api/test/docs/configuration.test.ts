import { availableParallelism } from "node:os";
import { coreEnvSchema } from "@otas/core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { apiEnvSchema } from "../../src/env.js";
import { readDocument, tableRowsBySection } from "./support/markdown.js";

const PAGE = "docs/configuration.md";
const CORE_SECTION = "Everywhere: the server, `otas-users` and scripts";
const SERVER_SECTION = "The server (`apps/api`)";
/** Checked against apps/cli's own schema by apps/cli/test/docs-configuration.test.ts. */
const CLI_SECTION = "`otas-users` only (`apps/cli`)";

/** Defaults the code computes on the machine, documented in words. */
const COMPUTED_DEFAULTS: Record<string, { words: string; value: unknown }> = {
  WEB_CONCURRENCY: { words: "the available cores", value: availableParallelism() },
};

interface DocumentedSetting {
  name: string;
  default: string;
}

/** The settings a section of the page documents: `| `NAME` | default | meaning |` rows. */
function documented(section: string): DocumentedSetting[] {
  const rows = tableRowsBySection(readDocument(PAGE)).get(section);
  if (rows === undefined) throw new Error(`${PAGE} has no "## ${section}"`);
  return rows
    .filter((cells) => /^`[A-Z][A-Z0-9_]*`$/.test(cells[0] ?? ""))
    .map((cells) => ({ name: (cells[0] ?? "").slice(1, -1), default: cells[1] ?? "" }));
}

/** What the schema makes of the setting when it is unset, and when set to `value`. */
function parsed(schema: z.ZodType, value: string | undefined): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${JSON.stringify(value)}: ${result.error.message}`);
  return result.data;
}

function expectDefaultDocumented(shape: Record<string, z.ZodType>, setting: DocumentedSetting) {
  const schema = shape[setting.name];
  if (schema === undefined) throw new Error(`${setting.name} is not a setting`);
  const unset = parsed(schema, undefined);
  const computed = COMPUTED_DEFAULTS[setting.name];
  if (computed !== undefined) {
    expect(setting.default, setting.name).toBe(computed.words);
    expect(unset, setting.name).toEqual(computed.value);
  } else if (setting.default === "empty") {
    expect(parsed(schema, ""), `${setting.name} is documented as empty`).toEqual(unset);
    expect(unset, `${setting.name} is documented as empty`).not.toBeUndefined();
  } else if (setting.default === "unset") {
    expect(unset, `${setting.name} is documented as unset`).toBeUndefined();
  } else {
    const literal = /^`([^`]+)`$/.exec(setting.default)?.[1];
    expect(literal, `${setting.name}'s default must be \`value\` or unset`).toBeDefined();
    // The documented value, set explicitly, gives what the code gives when it is unset.
    expect(parsed(schema, literal), setting.name).toEqual(unset);
    expect(unset, `${setting.name} has a default in the code`).not.toBeUndefined();
  }
}

describe("docs/configuration.md", () => {
  const core = documented(CORE_SECTION);
  const server = documented(SERVER_SECTION);
  const cli = documented(CLI_SECTION);

  it("documents every setting of core in its section, and nothing else there", () => {
    expect(core.map((setting) => setting.name).sort()).toEqual(
      Object.keys(coreEnvSchema.shape).sort(),
    );
  });

  it("documents every setting of the server, and no setting the server lacks", () => {
    const serverOnly = Object.keys(apiEnvSchema.shape).filter(
      (name) => !(name in coreEnvSchema.shape),
    );
    expect(server.map((setting) => setting.name).sort()).toEqual(serverOnly.sort());
  });

  it("documents each setting once", () => {
    const names = [...core, ...server, ...cli].map((setting) => setting.name);
    expect(names.length).toBe(new Set(names).size);
  });

  it("gives each default exactly as the code applies it", () => {
    const shape = apiEnvSchema.shape as unknown as Record<string, z.ZodType>;
    for (const setting of [...core, ...server]) expectDefaultDocumented(shape, setting);
  });

  it("matches .env.example: every variable there is documented, with the documented default", () => {
    const all = new Map([...core, ...server, ...cli].map((setting) => [setting.name, setting]));
    const lines = readDocument(".env.example")
      .split("\n")
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [name, value] = [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)];
      const setting = all.get(name);
      expect(setting, `${name} in .env.example`).toBeDefined();
      if (value === "") continue;
      expect(setting?.default, `${name} in .env.example`).toBe(`\`${value}\``);
    }
  });
});
