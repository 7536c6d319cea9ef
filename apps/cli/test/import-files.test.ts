import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe("otas-users import: files it cannot use, and the CSV report", () => {
  const database = useCliDatabase("sqlite");
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "otas-cli-files-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const importFile = async (name: string, content: string | undefined, ...flags: string[]) => {
    const path = join(dir, name);
    if (content !== undefined) await writeFile(path, content);
    const run = await runBinary(["import", path, ...flags], { env: database.env });
    return { path, ...run };
  };

  it("exits 2 naming the file when it is missing, a directory, or unreadable", async () => {
    const missing = await importFile("missing.csv", undefined);
    expect(missing).toMatchObject({ status: 2, stderr: `error: ${missing.path}: no such file\n` });

    await mkdir(join(dir, "folder.csv"));
    const folder = await importFile("folder.csv", undefined);
    expect(folder).toMatchObject({
      status: 2,
      stderr: `error: ${folder.path}: is a directory, not a file\n`,
    });

    if (process.getuid?.() !== 0) {
      // root reads any file, so this case only means something for other users.
      await writeFile(join(dir, "locked.csv"), "email\n");
      await chmod(join(dir, "locked.csv"), 0o000);
      const locked = await importFile("locked.csv", undefined);
      expect(locked.status).toBe(2);
      expect(locked.stderr).toContain("permission denied");
    }
  });

  it("exits 2 for an unknown format unless --format names one", async () => {
    const content =
      "first_name,last_name,email,password\nAda,Lovelace,format@example.com,secret1\n";
    const unknown = await importFile("users.txt", content);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`${unknown.path}: unknown format`);
    expect((await importFile("users.txt", content, "--format", "csv")).status).toBe(0);
  });

  it("exits 2 before creating anyone when the CSV header is wrong, without quoting the row", async () => {
    const before = await database.countUsers();
    const noHeader = await importFile("no-header.csv", "Ada,,Lovelace,ada@example.com,hunter22\n");
    expect(noHeader.status).toBe(2);
    expect(noHeader.stderr).toContain(
      `${noHeader.path}: the header row lacks the columns first_name, last_name, email, password and has unknown names in columns 1, 2, 3, 4, 5`,
    );
    expect(noHeader.stderr).not.toContain("hunter22");

    const misspelt = await importFile(
      "misspelt.csv",
      "first_name,last_name,emial,password\nAda,L,a@b.c,secret1\n",
    );
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain("lacks the column email and has unknown names in column 3");

    const empty = await importFile("empty.csv", "");
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("is empty");
    expect(await database.countUsers()).toBe(before);
  });

  it("exits 2 before creating anyone when the CSV quoting is broken", async () => {
    const before = await database.countUsers();
    const content =
      'first_name,last_name,email,password\nAda,L,quote1@example.com,secret1\nAda,"L"x,q2@example.com,secret1\n';
    const broken = await importFile("broken.csv", content);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(`${broken.path}: is not valid CSV: line 3:`);
    expect(await database.countUsers()).toBe(before);
  });

  it("writes a CSV report with one line per row, quoting where needed and never a password", async () => {
    const reportPath = join(dir, "report.csv");
    const content = [
      "first_name,middle_name,last_name,email,password",
      "Ada,,Lovelace,report1@example.com,secret-one",
      'Bob,,Builder,"weird,""quoted""",secret-two',
      "Cy,,Young,report1@example.com,secret-three",
    ].join("\r\n");
    const run = await importFile("report-me.csv", content, "--report", reportPath);
    expect(run.status).toBe(1);
    const report = (await readFile(reportPath, "utf8")).trimEnd().split("\n");
    expect(report[0]).toBe("row,email,outcome,reason,user_id");
    // Rows 2 and 4 share an email and run concurrently: either may win, the other "exists".
    const rows = report.slice(1).sort();
    expect(rows[1]).toBe('3,"weird,""quoted""",invalid,invalid_email_format,');
    const sameEmail = [rows[0], rows[2]].map((line) => line?.replace(/^[24],/, "")).sort();
    expect(sameEmail).toEqual([
      expect.stringMatching(/^report1@example\.com,created,,[0-9a-f-]{36}$/),
      "report1@example.com,exists,,",
    ]);
    expect([rows[0]?.[0], rows[2]?.[0]]).toEqual(["2", "4"]);
    expect(run.stderr + run.stdout + report.join("\n")).not.toContain("secret-");
  });

  it("exits 2 when the report would overwrite the import file or has an unknown extension", async () => {
    const content = "first_name,last_name,email,password\n";
    const same = await importFile("same.csv", content, "--report", join(dir, "same.csv"));
    expect(same).toMatchObject({
      status: 2,
      stderr: "error: --report would overwrite the file being imported\n",
    });
    const odd = await importFile("odd.csv", content, "--report", join(dir, "report.txt"));
    expect(odd.status).toBe(2);
    expect(odd.stderr).toContain("name the report .csv or .jsonl");
  });
});
