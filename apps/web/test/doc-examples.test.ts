import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compiledExamples } from "../../../packages/client/test/support/doc-examples.js";

const appDir = fileURLToPath(new URL("../", import.meta.url));
// Inside the app, so the examples resolve its packages (React, TanStack Query, @otas/client).
const workDir = path.join(appDir, "node_modules/.cache/doc-examples");

describe("the React examples of the README and docs/", () => {
  it("compile with the app's own settings and packages", async () => {
    const examples = await compiledExamples("web");
    expect(examples.length).toBeGreaterThan(0);
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const files = await Promise.all(
      examples.map(async (example, index) => {
        const file = path.join(workDir, `example-${index}.ts`);
        await writeFile(file, example.code);
        return file;
      }),
    );
    const config = path.join(workDir, "tsconfig.json");
    await writeFile(
      config,
      JSON.stringify({ extends: path.join(appDir, "tsconfig.json"), include: [], files }),
    );
    const tsc = path.join(appDir, "node_modules/.bin/tsc");
    const result = await promisify(execFile)(tsc, ["-p", config, "--pretty", "false"], {
      cwd: appDir,
      timeout: 90_000,
    }).then(
      () => "compiled",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("compiled");
    await rm(workDir, { recursive: true, force: true });
  });
});
