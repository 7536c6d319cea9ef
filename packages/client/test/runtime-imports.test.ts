import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const sourceDir = new URL("../src/", import.meta.url);

// With `verbatimModuleSyntax`, only `import type` is erased from the built JS: any other import
// of the server would make every frontend load Fastify, Prisma and bcrypt.
describe("the client's run-time dependencies", () => {
  it("imports the server only for types", async () => {
    const files = (await readdir(sourceDir)).filter((name) => name.endsWith(".ts"));
    const serverImports: string[] = [];
    for (const file of files) {
      const source = await readFile(new URL(file, sourceDir), "utf8");
      const imports = source.match(
        /^(?:import|export)[^;]*from "@otas\/(?:api|core|server)[^"]*";/gm,
      );
      serverImports.push(...(imports ?? []).map((line) => `${file}: ${line}`));
    }
    expect(serverImports.length).toBeGreaterThan(0);
    expect(serverImports.filter((line) => !/: (?:import|export) type /.test(line))).toEqual([]);
  });
});
