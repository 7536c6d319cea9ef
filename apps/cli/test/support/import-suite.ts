import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loginUser } from "@otas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Provider, useCliDatabase } from "./cli-database.js";
import { type GeneratedImport, writeUsersFile } from "./import-files.js";
import { jsonLines, runBinary } from "./run-binary.js";

interface ReportRow {
  row: number;
  email: string;
  outcome: string;
  reason?: string;
  user_id?: string;
}

/** Splits `import --json` output into its row lines and its closing summary. */
function parseJsonOutput(stdout: string) {
  const lines = jsonLines(stdout);
  const last = lines.pop() as { summary: Record<string, unknown> };
  return { rows: lines as ReportRow[], summary: last.summary };
}

/** Every invalid row carries exactly the reason the generator planted. */
function expectInvalidReasons(rows: ReportRow[], file: GeneratedImport) {
  const invalid = rows.filter((row) => row.outcome === "invalid");
  expect(new Map(invalid.map((row) => [row.row, row.reason]))).toEqual(file.invalidReasons);
}

/**
 * The import suite on one provider. Each provider has its own test file, so the two heavy
 * imports run in parallel test workers.
 */
export function describeImport(provider: Provider): void {
  describe(`otas-users import on ${provider}`, () => {
    const database = useCliDatabase(provider);
    let dir = "";
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "otas-cli-import-"));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("imports 3000 CSV rows, reports the invalid ones, and creates nothing on a second run", async () => {
      const file = await writeUsersFile(dir, "csv", 3000, `csv-${provider}`);
      const before = await database.countUsers();

      const first = await runBinary(["import", file.path, "--json"], { env: database.env });
      expect(first.status).toBe(1);
      const { rows, summary } = parseJsonOutput(first.stdout);
      expect(summary).toMatchObject({
        created: file.valid,
        exists: file.repeated,
        invalid: file.invalidReasons.size,
        failed: 0,
        total: 3000,
      });
      expect(summary.rows_per_second).toBeGreaterThan(0);
      expect(rows).toHaveLength(3000);
      expectInvalidReasons(rows, file);
      expect(await database.countUsers()).toBe(before + file.valid);
      // The quoted password (comma and quotes) arrived intact; no password is ever echoed.
      await expect(loginUser(file.quotedPasswordUser, database.deps)).resolves.toBeTruthy();
      expect(first.stdout + first.stderr).not.toContain("pw-");
      // Off a terminal, progress is plain lines on stderr, and stderr holds nothing else.
      for (const line of first.stderr.split("\n").filter((text) => text !== "")) {
        expect(line).toMatch(
          /^import: \d+\/3000 rows \(\d+%\), \d+ rows\/s(, ETA \w+)?; \d+ created, /,
        );
      }

      const second = await runBinary(["import", file.path, "--json"], { env: database.env });
      expect(second.status).toBe(1);
      expect(parseJsonOutput(second.stdout).summary).toMatchObject({
        created: 0,
        exists: file.valid + file.repeated,
        invalid: file.invalidReasons.size,
      });
      expect(await database.countUsers()).toBe(before + file.valid);
    });

    it("imports JSON Lines, reporting a line that is not JSON as invalid_json, to a report file", async () => {
      const file = await writeUsersFile(dir, "jsonl", 300, `jsonl-${provider}`);
      const before = await database.countUsers();
      const reportPath = join(dir, `report-${provider}.jsonl`);

      const run = await runBinary(["import", file.path, "--report", reportPath], {
        env: database.env,
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        `${file.valid} created, ${file.repeated} exists, ${file.invalidReasons.size} invalid, 0 failed`,
      );
      const report = jsonLines(await readFile(reportPath, "utf8")) as ReportRow[];
      expect(report).toHaveLength(file.rows);
      expectInvalidReasons(report, file);
      expect(
        report.filter((row) => row.outcome === "created").every((row) => row.user_id !== undefined),
      ).toBe(true);
      expect(await database.countUsers()).toBe(before + file.valid);
    });

    it("exits 0 when every row is created or already exists", async () => {
      const path = join(dir, `clean-${provider}.csv`);
      await writeFile(
        path,
        `email,first_name,last_name,password\nclean-${provider}@example.com,Ada,Lovelace,secret1\n`,
      );
      const first = await runBinary(["import", path], { env: database.env });
      expect(first.status).toBe(0);
      expect(first.stdout).toContain("1 created, 0 exists, 0 invalid, 0 failed");
      const second = await runBinary(["import", path], { env: database.env });
      expect(second.status).toBe(0);
      expect(second.stdout).toContain("0 created, 1 exists, 0 invalid, 0 failed");
    });
  });
}
