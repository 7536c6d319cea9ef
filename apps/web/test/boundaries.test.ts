import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const appDir = new URL("../", import.meta.url);
const SERVER_PACKAGES = /^@otas\/(api|core|server)(\/|$)/;

describe("apps/web's boundaries", () => {
  it("depends on no server package: the API's types come through @otas/client only", async () => {
    const manifest = JSON.parse(await readFile(new URL("package.json", appDir), "utf8"));
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(names).toContain("@otas/client");
    expect(names.filter((name) => SERVER_PACKAGES.test(name))).toEqual([]);
  });

  it("imports no server package anywhere in its sources", async () => {
    const files = (await readdir(new URL("src/", appDir), { recursive: true })).filter((file) =>
      /\.tsx?$/.test(file),
    );
    const offending: string[] = [];
    for (const file of files) {
      const source = await readFile(new URL(`src/${file}`, appDir), "utf8");
      for (const [, from] of source.matchAll(/from\s+"([^"]+)"/g)) {
        if (from !== undefined && SERVER_PACKAGES.test(from)) offending.push(`${file}: ${from}`);
      }
    }
    expect(files.length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});
