import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A process that resolves the development secret of `<root>/0` … `<root>/<count - 1>` in turn
 * (each a fresh DATA_DIR), as a server starting there would, and prints what it got for each.
 */
const RESOLVER = `
import { resolveJwtSecret } from "@otas/core";
const [root, count] = process.argv.slice(1);
const results = [];
for (let i = 0; i < Number(count); i++) {
  try {
    results.push(resolveJwtSecret({ secret: undefined, production: false, dataDir: root + "/" + i, warn() {} }));
  } catch (error) {
    results.push("error: " + error.message);
  }
}
process.stdout.write(JSON.stringify(results));
`;

const PROCESSES = 4;
const FOLDERS = 400;

describe("processes starting together on a fresh DATA_DIR", () => {
  const root = mkdtempSync(path.join(tmpdir(), "otas-secret-race-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`agree on one complete secret, ${FOLDERS} folders raced by ${PROCESSES} processes`, async () => {
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        promisify(execFile)(
          process.execPath,
          ["--input-type=module", "-e", RESOLVER, root, String(FOLDERS)],
          { cwd: apiDir, maxBuffer: 16 * 1024 * 1024 },
        ),
      ),
    );
    const results = outputs.map(({ stdout }) => JSON.parse(stdout) as string[]);
    const disagreements = [];
    for (let folder = 0; folder < FOLDERS; folder++) {
      const secrets = new Set(results.map((each) => each[folder]));
      const [secret] = secrets;
      if (secrets.size !== 1 || secret === undefined || !/^[\w-]{64}$/.test(secret)) {
        disagreements.push({ folder, secrets: [...secrets] });
      }
    }
    expect(disagreements).toEqual([]);
  }, 60_000);
});
