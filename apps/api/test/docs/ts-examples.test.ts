import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spawn-server.js";
import { type CodeBlock, codeBlocks, markdownFiles } from "./support/markdown.js";

const apiDir = fileURLToPath(new URL("../../", import.meta.url));
// Inside this package, so the examples resolve the workspace's packages as it does.
const workDir = path.join(apiDir, "node_modules/.cache/doc-ts-examples");

/**
 * What may precede a TypeScript block, and who checks it:
 * - `compiled: consumer` / `compiled: web`: packages/client's pack test (a project outside the
 *   repository that installed the packed client) / apps/web's doc-examples test, which read the
 *   README and docs/ only; consumer blocks are also compiled here, against the workspace;
 * - `file: <path>`: the block is that file, verbatim (its package's typecheck compiles it);
 * - `fragment`: an excerpt that does not compile alone (kept few);
 * - nothing: compiled here, against the workspace.
 */
function kind(block: CodeBlock): "consumer" | "web" | "file" | "fragment" | "workspace" {
  const marker = block.marker;
  if (marker === undefined) return "workspace";
  if (marker === "compiled: consumer") return "consumer";
  if (marker === "compiled: web") return "web";
  if (marker.startsWith("file: ")) return "file";
  if (marker === "fragment") return "fragment";
  throw new Error(`${block.file}:${block.line}: unknown marker <!-- ${marker} -->`);
}

const blocks = markdownFiles()
  .flatMap(codeBlocks)
  .filter((block) => ["ts", "typescript", "tsx"].includes(block.language));
const where = (block: CodeBlock) => `${block.file}:${block.line}`;

describe("the TypeScript examples of the Markdown files", () => {
  it("are each marked with a known kind, the compiled ones where their compilers look", () => {
    expect(blocks.length).toBeGreaterThan(0);
    const misplaced = blocks
      .filter((block) => ["consumer", "web"].includes(kind(block)))
      .filter((block) => !(block.file === "README.md" || /^docs\/[^/]+\.md$/.test(block.file)))
      .map(where);
    expect(misplaced).toEqual([]);
    expect(blocks.filter((block) => kind(block) === "fragment").length).toBeLessThanOrEqual(3);
  });

  it("that name a file are that file, verbatim", async () => {
    const files = blocks.filter((block) => kind(block) === "file");
    expect(files.length).toBeGreaterThan(0);
    for (const block of files) {
      const file = (block.marker as string).slice("file: ".length);
      expect(block.code, where(block)).toBe(await readFile(path.join(repoRoot, file), "utf8"));
    }
  });

  it("compile against the workspace's packages", async () => {
    const examples = blocks.filter((block) => ["workspace", "consumer"].includes(kind(block)));
    expect(examples.length).toBeGreaterThan(0);
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const files = await Promise.all(
      examples.map(async (block, index) => {
        const file = path.join(workDir, `example-${index}.ts`);
        await writeFile(file, `// ${where(block)}\n${block.code}\nexport {};\n`);
        return file;
      }),
    );
    const config = path.join(workDir, "tsconfig.json");
    await writeFile(
      config,
      JSON.stringify({
        extends: path.join(apiDir, "tsconfig.json"),
        // A frontend's and a server's globals both (fetch's Request and Response, the DOM's forms).
        compilerOptions: { noEmit: true, lib: ["DOM", "ES2023"], types: ["node"] },
        include: [],
        files,
      }),
    );
    const tsc = path.join(apiDir, "node_modules/.bin/tsc");
    const result = await promisify(execFile)(tsc, ["-p", config, "--pretty", "false"], {
      cwd: apiDir,
      timeout: 120_000,
    }).then(
      () => "compiled",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("compiled");
    await rm(workDir, { recursive: true, force: true });
  }, 150_000);
});
