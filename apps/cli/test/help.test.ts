import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runBinary } from "./support/run-binary.js";

describe("otas-users --help and --version", () => {
  it("prints the usage of every command and exits 0", async () => {
    const root = await runBinary(["--help"]);
    expect(root.status).toBe(0);
    expect(root.stdout).toMatch(/^Usage: otas-users \[options\] \[command\]/);
    for (const command of [
      "create",
      "import",
      "verify-token",
      "reset-link",
      "list",
      "show",
      "set-password",
      "delete",
      "sessions",
      "sign-out",
      "db",
    ])
      expect(root.stdout).toContain(command);
    expect(root.stdout).toContain("Exit status:");

    const create = await runBinary(["create", "--help"]);
    expect(create.status).toBe(0);
    expect(create.stdout).toContain("--first-name <name>");
    expect(create.stdout).toContain(
      "when --stdin is\ngiven, or when no field flag is given and standard input is not a terminal",
    );

    const importHelp = await runBinary(["import", "--help"]);
    expect(importHelp.stdout).toContain("Usage: otas-users import [options] <file>");
    expect(importHelp.stdout).toContain("--concurrency <n>");

    const status = await runBinary(["db", "status", "--help"]);
    expect(status.stdout).toContain("Usage: otas-users db status [options]");
    expect(status.stdout).toContain("changes nothing");

    const verify = await runBinary(["help", "verify-token"]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain("Usage: otas-users verify-token [options] <token>");

    const resetLink = await runBinary(["reset-link", "--help"]);
    expect(resetLink.status).toBe(0);
    expect(resetLink.stdout).toContain("Usage: otas-users reset-link [options] <email>");
  });

  it("prints the package version", async () => {
    const manifest = JSON.parse(
      await readFile(new URL("../package.json", import.meta.url), "utf8"),
    );
    const run = await runBinary(["--version"]);
    expect(run).toMatchObject({ status: 0, stdout: `${manifest.version}\n` });
  });

  it("exits 2 with a hint for an unknown command or option, or a bad --concurrency", async () => {
    const unknown = await runBinary(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const option = await runBinary(["create", "--nickname", "x"]);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--nickname'");
    const concurrency = await runBinary(["import", "users.csv", "--concurrency", "0"]);
    expect(concurrency.status).toBe(2);
    expect(concurrency.stderr).toContain("expected a whole number from 1 to 1024");
  });
});
