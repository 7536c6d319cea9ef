import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BINARY } from "./support/run-binary.js";

describe("rerunWithThreadPool", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "otas-cli-pool-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs the same command again with UV_THREADPOOL_SIZE set, passing stdio and the exit status through", async () => {
    const threadPool = pathToFileURL(join(BINARY, "..", "thread-pool.js")).href;
    const script = join(dir, "rerun.mjs");
    await writeFile(
      script,
      `import { rerunWithThreadPool } from ${JSON.stringify(threadPool)};
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.exitCode = await rerunWithThreadPool(6);
} else {
  const input = await new Promise((resolve) => { let text = ""; process.stdin.on("data", (c) => { text += c; }).on("end", () => resolve(text)); });
  console.log(\`pool=\${process.env.UV_THREADPOOL_SIZE} args=\${process.argv.slice(2).join(" ")} stdin=\${input}\`);
  process.exitCode = 3;
}
`,
    );
    const env = { ...process.env };
    delete env.UV_THREADPOOL_SIZE;
    const run = spawnSync(process.execPath, [script, "import", "a.csv"], {
      env,
      input: "hello",
      encoding: "utf8",
    });
    expect(run.stdout).toBe("pool=6 args=import a.csv stdin=hello\n");
    expect(run.status).toBe(3);
  });
});
