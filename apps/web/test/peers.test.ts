import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/** tRPC's React integration, as the app installed it; its peers, as it resolves them. */
const integration = createRequire(import.meta.url).resolve(
  "@trpc/tanstack-react-query/package.json",
);
const peerManifest = (name: string) => createRequire(integration).resolve(`${name}/package.json`);

async function read(path: string): Promise<{ version: string; peerDependencies?: object }> {
  return JSON.parse(await readFile(path, "utf8"));
}

const parts = (version: string) => version.split(/[.-]/).slice(0, 3).map(Number);
const compare = (a: string, b: string) => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

/** Whether `version` meets `range`, in the three forms the integration's peers use. */
function satisfies(version: string, range: string): boolean {
  if (range.startsWith(">=")) return compare(version, range.slice(2)) >= 0;
  if (range.startsWith("^")) {
    return parts(version)[0] === parts(range.slice(1))[0] && compare(version, range.slice(1)) >= 0;
  }
  if (/^\d+\.\d+\.\d+$/.test(range)) return version === range;
  throw new Error(`a peer range this test does not read: ${range}`);
}

describe("@trpc/tanstack-react-query's peers", () => {
  it("are met by what the catalog installed (pnpm warns of none)", async () => {
    const peers = Object.entries((await read(integration)).peerDependencies ?? {}) as [
      string,
      string,
    ][];
    expect(peers.map(([name]) => name)).toContain("@trpc/server");
    const unmet = [];
    for (const [name, range] of peers) {
      const { version } = await read(peerManifest(name));
      if (!satisfies(version, range)) unmet.push(`${name}@${version} (wants ${range})`);
    }
    expect(unmet).toEqual([]);
  });
});
