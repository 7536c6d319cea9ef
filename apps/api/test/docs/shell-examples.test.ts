import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { repoRoot, type ServerProcess, spawnServer } from "../support/spawn-server.js";
import { TEST_JWT_SECRET } from "../support/test-server.js";
import { type CodeBlock, codeBlocks, markdownFiles, readDocument } from "./support/markdown.js";

const run = promisify(execFile);
const SHELL = ["sh", "bash", "shell"];
/** The URL the examples call the service at. */
const EXAMPLE_URL = "http://localhost:8000";
/** The blocks marked `<!-- run: <name> -->`, in the order they run (the session needs the user). */
const RUN_ORDER = ["rest-create", "rest-session", "cli"];

/** The commands of a shell block or `console` transcript, continuation lines joined. */
function commands(block: CodeBlock): string[] {
  const joined = block.code.replace(/\\\n\s*/g, " ").split("\n");
  const lines =
    block.language === "console"
      ? joined.filter((line) => line.startsWith("$ ")).map((line) => line.slice(2))
      : joined;
  return lines.map((line) => line.replace(/(^|\s)#\s.*$/, "").trim()).filter(Boolean);
}

/** Every `pnpm …` and `otas-users …` the docs name: in shell blocks, transcripts and `code`. */
function namedCommands(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const file of markdownFiles()) {
    for (const block of codeBlocks(file)) {
      if (![...SHELL, "console"].includes(block.language)) continue;
      for (const text of commands(block)) found.push({ where: `${file}:${block.line}`, text });
    }
    const prose = readDocument(file).replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\s*\2\s*$/gm, "");
    for (const match of prose.matchAll(/`((?:pnpm|otas-users) [^`]+)`/g)) {
      found.push({ where: file, text: match[1] as string });
    }
  }
  return found;
}

/** The words after each `pnpm` of a command: the package it filters on, and its command. */
function pnpmCalls(text: string): { filter: string | undefined; command: string }[] {
  const calls = [];
  for (const match of text.matchAll(/(?<![\w@/.=-])pnpm\s+(.*)/g)) {
    const words = (match[1] as string).split(/\s+/);
    let filter: string | undefined;
    for (let index = 0; index < words.length; index++) {
      const word = words[index] as string;
      if (word === "--filter" || word === "-F") filter = words[++index];
      else if (!word.startsWith("-")) {
        calls.push({ filter, command: word });
        break;
      }
    }
  }
  return calls.filter((call) => /^[a-z][\w:.-]*$/.test(call.command));
}

/** The subcommands after each `otas-users`, e.g. `["db", "status"]`. */
function otasUsersCalls(text: string): string[][] {
  return [...text.matchAll(/(?<![\w/.=-])otas-users\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?/g)].map(
    (match) => [match[1] as string, match[2] ?? ""],
  );
}

/** The commands otas-users has, from its sources: `.command("name")`, `db`'s under `db`. */
async function otasUsersCommands(): Promise<Set<string>> {
  const folder = path.join(repoRoot, "apps/cli/src/commands");
  const names = new Set<string>();
  for (const file of await readdir(folder)) {
    const source = await readFile(path.join(folder, file), "utf8");
    for (const match of source.matchAll(/\b(\w+)\.command\("([a-z-]+)"\)/g)) {
      names.add(match[1] === "db" ? `db ${match[2]}` : (match[2] as string));
    }
    for (const match of source.matchAll(/\.command\("([a-z-]+)"\)/g)) {
      names.add(match[1] as string);
    }
  }
  return names;
}

/** Every workspace package's name and scripts. */
async function workspacePackages(): Promise<Map<string, Set<string>>> {
  const packages = new Map<string, Set<string>>();
  for (const folder of ["apps", "packages"]) {
    for (const name of await readdir(path.join(repoRoot, folder))) {
      const manifest = JSON.parse(
        await readFile(path.join(repoRoot, folder, name, "package.json"), "utf8"),
      ) as { name: string; scripts?: Record<string, string> };
      packages.set(manifest.name, new Set(Object.keys(manifest.scripts ?? {})));
    }
  }
  return packages;
}

/** The method and path of each `curl` to this service in the shell blocks. */
function curlCalls(): { where: string; method: string; path: string }[] {
  const calls = [];
  for (const file of markdownFiles()) {
    for (const block of codeBlocks(file).filter((each) => SHELL.includes(each.language))) {
      for (const text of commands(block)) {
        for (const curl of text.split(/\bcurl\s/).slice(1)) {
          const url = /https?:\/\/(?:localhost|127\.0\.0\.1)(?::[^/\s'"]*)?(\/[^\s'";]*)/.exec(
            curl,
          );
          if (url === null) continue;
          const method = /-X\s+([A-Z]+)/.exec(curl)?.[1] ?? (/\s-d\s/.test(curl) ? "POST" : "GET");
          calls.push({ where: `${file}:${block.line}`, method, path: url[1] as string });
        }
      }
    }
  }
  return calls;
}

/** The blocks marked `<!-- run: <name> -->`, one per name (copies of one block must agree). */
function runnableBlocks(): Map<string, string> {
  const byName = new Map<string, string>();
  for (const file of markdownFiles()) {
    for (const block of codeBlocks(file)) {
      const name = /^run: (\S+)$/.exec(block.marker ?? "")?.[1];
      if (name === undefined) continue;
      expect(SHELL, `${file}:${block.line}`).toContain(block.language);
      const other = byName.get(name);
      if (other !== undefined) expect(block.code, `${file}:${block.line}`).toBe(other);
      byName.set(name, block.code);
    }
  }
  return byName;
}

/** What each `curl` of a script printed: its answers, one JSON document a line. */
async function runCurlScript(script: string, url: string): Promise<Record<string, unknown>[]> {
  const body = `curl() { command curl --max-time 20 "$@"; echo; }\nset -e\n${script.replaceAll(EXAMPLE_URL, url)}`;
  const { stdout } = await run("bash", ["-c", body], { cwd: repoRoot, timeout: 60_000 });
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the shell examples of the Markdown files", () => {
  it("name only pnpm scripts, packages and otas-users commands that exist", async () => {
    const root = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const rootBins = new Set(await readdir(path.join(repoRoot, "node_modules/.bin")));
    const builtins = new Set(["install", "add", "exec", "dlx", "run", "pack", "publish"]);
    const packages = await workspacePackages();
    const cli = await otasUsersCommands();
    const unknown: string[] = [];
    const named = namedCommands();
    expect(named.length).toBeGreaterThan(10);
    for (const { where, text } of named) {
      for (const call of pnpmCalls(text)) {
        if (call.filter !== undefined) {
          const scripts = packages.get(call.filter);
          if (scripts === undefined) unknown.push(`${where}: no package ${call.filter}`);
          else if (!scripts.has(call.command) && !builtins.has(call.command)) {
            unknown.push(`${where}: ${call.filter} has no script ${call.command}`);
          }
        } else if (
          !(call.command in root.scripts) &&
          !rootBins.has(call.command) &&
          !builtins.has(call.command)
        ) {
          unknown.push(`${where}: no root script ${call.command}`);
        }
      }
      for (const [command, sub] of otasUsersCalls(text)) {
        const known = command === "db" ? cli.has(`db ${sub}`) : cli.has(command as string);
        if (!known)
          unknown.push(`${where}: no otas-users ${command}${command === "db" ? ` ${sub}` : ""}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  describe("against a real server", () => {
    let database: TestDatabase;
    let server: ServerProcess;
    beforeAll(async () => {
      database = await createTestDatabase("sqlite");
      server = await spawnServer(database.url);
    });
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it("call only routes the server has", async () => {
      const calls = curlCalls();
      expect(calls.length).toBeGreaterThan(5);
      const missing: string[] = [];
      for (const call of calls.filter((each) => !/[$<]/.test(each.path))) {
        const answer = await request(`${server.url}${call.path}`, {
          method: call.method,
          ...(call.method === "GET" ? {} : { body: "{}" }),
        });
        if (answer.status === 404 || answer.status === 405) {
          missing.push(`${call.where}: ${call.method} ${call.path} answered ${answer.status}`);
        }
      }
      expect(missing).toEqual([]);
    });

    it("run as written, every answer a success: the REST calls", async () => {
      const blocks = runnableBlocks();
      expect([...blocks.keys()].sort()).toEqual([...RUN_ORDER].sort());
      for (const name of RUN_ORDER.filter((each) => each.startsWith("rest-"))) {
        const answers = await runCurlScript(blocks.get(name) as string, server.url);
        expect(answers.length, name).toBeGreaterThan(0);
        for (const answer of answers) expect(answer, name).toMatchObject({ status: 1 });
      }
    }, 90_000);
  });

  it("run as written: the otas-users commands", async () => {
    const script = runnableBlocks().get("cli") as string;
    const database = await createTestDatabase("sqlite");
    const dataDir = await mkdtemp(path.join(tmpdir(), "otas-docs-cli-"));
    try {
      const { stdout } = await run("bash", ["-e", "-c", script], {
        cwd: repoRoot,
        timeout: 180_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: database.url,
          JWT_SECRET: TEST_JWT_SECRET,
          BCRYPT_ROUNDS: "4",
          DATA_DIR: dataDir,
          APP_URL: "https://otas.example",
        },
      });
      expect(stdout).toContain("grace@example.com");
      expect(stdout).toMatch(/https:\/\/otas\.example\/reset-password\?token=\S+&emailId=/);
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
