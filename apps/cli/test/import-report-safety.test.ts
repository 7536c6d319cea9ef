import { execFile } from "node:child_process";
import { link, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../src/import/report-writer.js";
import { useCliDatabase } from "./support/cli-database.js";
import { BINARY, runBinary } from "./support/run-binary.js";
import { rawControls } from "./support/terminal.js";

/** Runs `bash -c script` with `env` and `args` ($1…), resolving with its status and output. */
function bash(script: string, env: Record<string, string>, args: readonly string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "bash",
      ["-c", script, "bash", ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({
          status: typeof code === "number" ? code : error === null ? 0 : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe("csvField", () => {
  it.each([
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ["@SUM(1+1)*cmd|' /C calc'!A0", `"'@SUM(1+1)*cmd|' /C calc'!A0"`],
    ["+1+1", `"'+1+1"`],
    ["-2+3", `"'-2+3"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])("neutralises %j, which a spreadsheet would run, as OWASP advises", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["ada@example.com", "ada@example.com"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["x=1@example.com", "x=1@example.com"],
    [12, "12"],
    [undefined, ""],
  ])("writes %j as %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

// The audit's reproductions: the CSV report wrote fields raw (formulas), a `--report` naming the
// input by a link emptied it before it was read, the report followed the umask (0666 under umask
// 000), row errors printed escape sequences raw, and `import … --json | head -3` died of an
// unhandled EPIPE.
describe("otas-users import: the report and the terminal", () => {
  const database = useCliDatabase("sqlite");
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "otas-cli-report-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const HEADER = "first_name,last_name,email,password";

  it("writes formulas of the file into the CSV report as text, and creates the report 0600", async () => {
    const input = join(dir, "formulas.csv");
    await writeFile(
      input,
      [
        HEADER,
        `A,B,"=cmd|' /C calc'!A0",secret1`,
        "A,B,@sum(1+1)@formula.example,secret1",
        "A,B,+1@formula.example,secret1",
        "A,B,-2@formula.example,secret1",
      ].join("\n"),
    );
    const report = join(dir, "formulas-report.csv");
    const run = await bash('umask 000 && exec "$@"', database.env, [
      process.execPath,
      BINARY,
      "import",
      input,
      "--report",
      report,
    ]);
    expect(run.status).toBe(1);
    expect((await stat(report)).mode & 0o777).toBe(0o600);
    const rows = (await readFile(report, "utf8")).trimEnd().split("\n").slice(1).sort();
    expect(rows.map((row) => row.replace(/[0-9a-f-]{36}$/, "<id>"))).toEqual([
      `2,"'=cmd|' /C calc'!A0",invalid,invalid_email_format,`,
      `3,"'@sum(1+1)@formula.example",created,,<id>`,
      `4,"'+1@formula.example",created,,<id>`,
      `5,"'-2@formula.example",created,,<id>`,
    ]);
  });

  it.each(["symbolic", "hard"])(
    "refuses a report that is a %s link to the file being imported, leaving it whole",
    async (kind) => {
      const content = `${HEADER}\nA,B,linked-${kind}@example.com,secret1\n`;
      const input = join(dir, `input-${kind}.csv`);
      await writeFile(input, content);
      const alias = join(dir, `alias-${kind}.csv`);
      await (kind === "symbolic" ? symlink(input, alias) : link(input, alias));
      const before = await database.countUsers();
      const run = await runBinary(["import", input, "--report", alias], { env: database.env });
      expect(run).toMatchObject({
        status: 2,
        stderr: "error: --report would overwrite the file being imported\n",
      });
      expect(await readFile(input, "utf8")).toBe(content);
      expect(await database.countUsers()).toBe(before);
    },
  );

  it("prints row errors with the file's control characters visible", async () => {
    const input = join(dir, "escapes.csv");
    await writeFile(
      input,
      `${HEADER}\nA,B,"\u001b]0;pwned\u0007evil@x.io",secret1\nA,B,"\u009b2Jno-at-sign",secret1\n`,
    );
    const run = await runBinary(["import", input], { env: database.env });
    expect(run.status).toBe(1);
    expect(rawControls(run.stdout + run.stderr)).toEqual([]);
    expect(run.stdout).toContain(
      "  row 2: invalid invalid_characters: email <\\x1b]0;pwned\\x07evil@x.io>\n",
    );
    expect(run.stdout).toContain(
      "  row 3: invalid invalid_characters: email <\\x9b2Jno-at-sign>\n",
    );
    const json = await runBinary(["import", input, "--json"], { env: database.env });
    expect(rawControls(json.stdout)).toEqual([]);
    expect(JSON.parse(json.stdout.split("\n")[1] ?? "")).toMatchObject({
      email: "\u009b2Jno-at-sign",
    });
  });

  it("stops quietly when the reader of --json goes away, every handled row in the report", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `A,B,no-at-sign-${i}.example,secret1`);
    const input = join(dir, "many.csv");
    await writeFile(input, [HEADER, ...rows].join("\n"));
    const report = join(dir, "many-report.csv");
    const stderr = join(dir, "import-stderr.txt");
    const status = join(dir, "import-status.txt");
    // 3000 JSON lines are far more than a pipe holds: the import is still writing when head exits.
    const run = await bash(
      '"$1" "$2" import "$3" --json --report "$4" 2>"$5" | head -3; echo "$PIPESTATUS" >"$6"',
      database.env,
      [process.execPath, BINARY, input, report, stderr, status],
    );
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(3);
    // No unhandled EPIPE and its stack: nothing at all on stderr, and exit 1 (rows left undone).
    expect(await readFile(stderr, "utf8")).toBe("");
    expect((await readFile(status, "utf8")).trim()).toBe("1");
    const lines = (await readFile(report, "utf8")).split("\n");
    expect(lines[0]).toBe("row,email,outcome,reason,user_id");
    expect(lines.at(-1)).toBe("");
    expect(lines.length - 2).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(1, -1))
      expect(line).toMatch(/^\d+,no-at-sign-\d+\.example,invalid,invalid_email_format,$/);
  });
});
