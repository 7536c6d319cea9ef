import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const sourceDir = new URL("../src/", import.meta.url);
const distDir = new URL("../dist/", import.meta.url);

/** The module specifiers a TypeScript or declaration file imports or re-exports. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"/g)].map(
    (match) => match[1] as string,
  );
}

describe("what the client imports", () => {
  it("imports nothing of the server, not even for types (they are generated into src/generated)", async () => {
    const files = await readdir(sourceDir, { recursive: true });
    const serverImports: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".ts"))) {
      const source = await readFile(new URL(file, sourceDir), "utf8");
      const found = specifiers(source).filter((from) => /^@otas\/|^node:/.test(from));
      serverImports.push(...found.map((from) => `${file}: ${from}`));
    }
    expect(files).toContain("index.ts");
    expect(serverImports).toEqual([]);
  });

  it("declares the main entry's types with no import of any other package", async () => {
    const seen = new Set<string>();
    const outside: string[] = [];
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await readFile(new URL(file, distDir), "utf8");
      for (const from of specifiers(source)) {
        if (from.startsWith("./")) await visit(from.replace(/^\.\//, "").replace(/\.js$/, ".d.ts"));
        else outside.push(`${file}: ${from}`);
      }
      if (/reference (types|lib)=/.test(source)) outside.push(`${file}: a triple-slash reference`);
    };
    await visit("index.d.ts");
    expect([...seen].sort()).toContain("generated/router.d.ts");
    expect(outside).toEqual([]);
  });
});
