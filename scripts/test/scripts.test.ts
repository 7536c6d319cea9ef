import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  instantParam,
  loginUser,
  openUserService,
  requestPasswordReset,
  sql,
  type UserService,
} from "@otas/core";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonLines, pnpmScript, ROOT, run } from "./support/run-script.js";

const DAY_MS = 86_400_000;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe.each(["sqlite", "postgresql"] as const)("the scripts on %s", (provider) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let service: UserService;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    dataDir = await mkdtemp(path.join(tmpdir(), "otas-scripts-"));
    env = {
      DATABASE_URL: database.url,
      JWT_SECRET: "a-script-secret-of-at-least-32-bytes",
      BCRYPT_ROUNDS: "4",
      DATA_DIR: dataDir,
    };
    service = await openUserService({ env });
  });
  afterEach(async () => {
    await service?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const emails = async () =>
    (await service.database.sql.query<{ email: string }>(sql`SELECT email FROM users`)).map(
      (row) => row.email,
    );

  it("creates a user with the README's example, and prints the contract's code on a refusal", async () => {
    const args = ["Ada@Example.com", "Ada", "Lovelace"];
    const created = await pnpmScript("scripts/create-user.ts", args, { env, stdin: "secret1\n" });
    expect(created.stdout).toMatch(new RegExp(`^created ada@example\\.com \\(${UUID}\\)\\n$`));
    expect(created.status).toBe(0);
    const login = await service.deps.users.findCredentialsByEmail("ada@example.com");
    expect(await service.deps.hasher.verify("secret1", login?.passwordHash ?? "")).toMatchObject({
      matches: true,
    });

    const again = await pnpmScript("scripts/create-user.ts", args, { env, stdin: "secret1\n" });
    expect([again.status, again.stdout, again.stderr.trim().split("\n").at(-1)]).toEqual([
      1,
      "",
      "user_already_exists",
    ]);
    const short = await pnpmScript("scripts/create-user.ts", ["grace@example.com", "Grace"], {
      env,
      stdin: "12345",
    });
    expect([short.status, short.stderr.trim().split("\n").at(-1)]).toEqual([
      1,
      "missing_fields: last_name",
    ]);
    expect(await emails()).toEqual(["ada@example.com"]);
  });

  it("refuses bad settings before the script runs, naming the variable", async () => {
    const bad = { ...env, BCRYPT_ROUNDS: "twelve", JWT_VALIDITY_DAYS: "0" };
    const refused = await pnpmScript("scripts/create-user.ts", ["ada@example.com", "A", "L"], {
      env: bad,
      stdin: "secret1",
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("error: Invalid configuration:");
    expect(refused.stderr).toContain("BCRYPT_ROUNDS:");
    expect(refused.stderr).toContain("JWT_VALIDITY_DAYS:");
    expect(refused.stdout).toBe("");
    const pooled = await pnpmScript("scripts/create-user.ts", ["ada@example.com", "A", "L"], {
      env: { ...env, DATABASE_POOLER: "transaction" },
      stdin: "secret1",
    });
    expect(pooled.status).toBe(2);
    expect(pooled.stderr).toContain("DIRECT_DATABASE_URL: required to migrate");
    expect(await emails()).toEqual([]);
  });

  it("counts sign-ups per UTC day, every day of the window listed", async () => {
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const at = [today + 1000, today - DAY_MS + 5, today - DAY_MS + DAY_MS - 1, today - 5 * DAY_MS];
    for (const [index, instant] of at.entries()) {
      const email = `day${index}@example.com`;
      await service.createUser({ first_name: "D", last_name: "U", email, password: "secret1" });
      const createdAt = instantParam(service.database.sql, new Date(instant));
      await service.database.sql.execute(
        sql`UPDATE users SET created_at = ${createdAt} WHERE email = ${email}`,
      );
    }
    const day = (offset: number) => new Date(today - offset * DAY_MS).toISOString().slice(0, 10);
    const json = await pnpmScript("scripts/signups-per-day.ts", ["--days", "3", "--json"], { env });
    expect([json.status, jsonLines(json.stdout)]).toEqual([
      0,
      [
        { day: day(2), signups: 0 },
        { day: day(1), signups: 2 },
        { day: day(0), signups: 1 },
      ],
    ]);
    const table = await pnpmScript("scripts/signups-per-day.ts", ["--days", "6"], { env });
    expect(table.stdout.split("\n")).toEqual([
      "day (UTC)   sign-ups",
      `${day(5)}         1`,
      ...[4, 3, 2].map((offset) => `${day(offset)}         0`),
      `${day(1)}         2`,
      `${day(0)}         1`,
      "total              4",
      "",
    ]);
    const bad = await pnpmScript("scripts/signups-per-day.ts", ["--days", "0"], { env });
    expect([bad.status, bad.stderr.trim()]).toEqual([
      2,
      "error: --days must be a whole number from 1 to 3660",
    ]);
  });

  it("lists the accounts whose email cannot receive a reset mail", async () => {
    const relay = "victim1@ex.io,victim2@ex.io";
    const wrapped = "n1 <victim@example.com>";
    for (const email of ["plain@example.com", relay, wrapped]) {
      await service.createUser({ first_name: "R", last_name: "U", email, password: "secret1" });
    }
    const found = await pnpmScript("scripts/undeliverable-emails.ts", ["--json"], { env });
    expect(found.status).toBe(0);
    const rows = jsonLines(found.stdout) as { email: string; id: string }[];
    expect(rows.map((row) => row.email).sort()).toEqual([wrapped, relay].sort());
    const table = await pnpmScript("scripts/undeliverable-emails.ts", [], { env });
    expect(table.stdout).toContain(relay);
    expect(table.stdout).toContain("2 account(s) cannot receive a reset mail.");
  });

  it("moves an account to another email in one transaction, with its reset link and queued mail", async () => {
    const relay = "victim1@ex.io,victim2@ex.io";
    for (const email of [relay, "taken@example.com"]) {
      await service.createUser({ first_name: "M", last_name: "U", email, password: "secret1" });
    }
    const queue = (email: string) =>
      service.database.sql.execute(
        sql`INSERT INTO reset_mail_outbox (id, request_id, email, created_at, due_at, attempts)
            VALUES (${crypto.randomUUID()}, ${crypto.randomUUID()}, ${email},
                    ${instantParam(service.database.sql, new Date())},
                    ${instantParam(service.database.sql, new Date())}, 0)`,
      );
    await requestPasswordReset({ email: relay }, service.deps);
    await queue(relay);
    await queue("taken@example.com");
    const state = async () => ({
      emails: (await emails()).sort(),
      tokens: (
        await service.database.sql.query<{ email: string }>(
          sql`SELECT u.email FROM password_reset_tokens t JOIN users u ON u.id = t.user_id`,
        )
      ).map((row) => row.email),
      queued: (
        await service.database.sql.query<{ email: string }>(
          sql`SELECT email FROM reset_mail_outbox ORDER BY email`,
        )
      ).map((row) => row.email),
    });
    const before = await state();
    expect(before.tokens).toEqual([relay]);

    const refusals = [
      [[relay, "Taken@Example.com"], "user_already_exists: taken@example.com"],
      [
        [relay, "a@ex.io,b@ex.io"],
        'invalid_email_format: "a@ex.io,b@ex.io" is not one plain address',
      ],
      [["nobody@example.com", "new@example.com"], "user_not_found: nobody@example.com"],
    ] as const;
    for (const [args, message] of refusals) {
      const refused = await pnpmScript("scripts/change-email.ts", args, { env });
      expect([refused.status, refused.stderr.trim().split("\n").at(-1)]).toEqual([1, message]);
      expect(await state()).toEqual(before);
    }

    const moved = await pnpmScript("scripts/change-email.ts", [relay, " New@Example.com "], {
      env,
    });
    expect([moved.status, moved.stdout]).toEqual([0, `moved ${relay} to new@example.com\n`]);
    expect(await state()).toEqual({
      emails: ["new@example.com", "taken@example.com"],
      tokens: [],
      queued: ["taken@example.com"],
    });
    const login = await loginUser({ email: "new@example.com", password: "secret1" }, service.deps);
    expect(login.user.email).toBe("new@example.com");
  });
});

describe("pnpm script", () => {
  it("is the README's example, verbatim", async () => {
    const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
    const script = await readFile(path.join(ROOT, "scripts/create-user.ts"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(script);
  });

  it("says how to use it, and refuses a script that is not there", async () => {
    const usage = await run("pnpm", ["--silent", "script"]);
    expect(usage.stderr).toContain("usage: pnpm script <file.ts|.mjs|.js> [arguments…]");
    expect(usage.status).toBe(2);
    const none = await pnpmScript("scripts/no-such-script.ts");
    expect([none.status, none.stderr.trim()]).toEqual([
      2,
      "error: no such script: scripts/no-such-script.ts",
    ]);
  });
});
