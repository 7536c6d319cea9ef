import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { providers, TEST_JWT_SECRET, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

const uniqueEmail = (tag: string) => `${tag}.${randomUUID()}@example.com`;

describe.each(providers)("otas-users create on %s", (provider) => {
  const database = useCliDatabase(provider);

  it("creates a user from flags and prints it with a token", async () => {
    const email = uniqueEmail("flags");
    const run = await runBinary(
      [
        "create",
        "--first-name",
        " Ada ",
        "--middle-name",
        "King",
        "--last-name",
        "Lovelace",
        "--email",
        email.toUpperCase(),
        "--password",
        "secret1",
      ],
      { env: database.env },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Created user:\n {2}id: +[0-9a-f-]{36}\n {2}first_name: +Ada\n {2}middle_name: +King\n/,
    );
    expect(run.stdout).toContain(`email:       ${email}`);
    expect(run.stdout).toMatch(/jwt_token: ey[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(run.stdout).not.toContain("secret1");
    const stored = await database.deps.users.findCredentialsByEmail(email);
    expect(stored?.user).toMatchObject({
      firstName: "Ada",
      middleName: "King",
      lastName: "Lovelace",
    });
  });

  it("creates a user from a JSON object on stdin and prints {user, jwt_token} with --json", async () => {
    const email = uniqueEmail("stdin");
    const body = { first_name: "Grace", last_name: "Hopper", email, password: "secret1" };
    const run = await runBinary(["create", "--json"], {
      env: database.env,
      stdin: JSON.stringify(body),
    });
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { user: Record<string, string>; jwt_token: string };
    expect(Object.keys(output)).toEqual(["user", "jwt_token"]);
    expect(output.user).toMatchObject({
      first_name: "Grace",
      middle_name: "",
      last_name: "Hopper",
      email,
    });
    const claims = jwt.verify(output.jwt_token, TEST_JWT_SECRET, { algorithms: ["HS256"] });
    expect(claims).toMatchObject({ user_id: output.user.id, email });
    expect(await database.deps.users.findById(output.user.id as string)).not.toBeNull();
  });

  it("prints user_already_exists on stderr and exits 1 for a taken email", async () => {
    const email = uniqueEmail("twice");
    const args = ["create", "--stdin"];
    const body = JSON.stringify({ first_name: "A", last_name: "B", email, password: "secret1" });
    expect((await runBinary(args, { env: database.env, stdin: body })).status).toBe(0);
    const again = await runBinary(args, {
      env: database.env,
      stdin: body.replace(email, ` ${email.toUpperCase()}`),
    });
    expect(again).toMatchObject({ status: 1, stdout: "", stderr: "user_already_exists\n" });
  });
});

describe("otas-users create: rejections that need no database", () => {
  // Nothing listens there: reaching for the database would fail differently.
  const env = { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", JWT_SECRET: TEST_JWT_SECRET };

  it("prints the contract's validation code on stderr and exits 1", async () => {
    const missing = await runBinary(["create", "--first-name", "Ada", "--last-name", "Lovelace"], {
      env,
    });
    expect(missing).toMatchObject({
      status: 1,
      stdout: "",
      stderr: "missing_fields: email, password\n",
    });

    const body = JSON.stringify({
      first_name: "A",
      last_name: "B",
      email: "no-at-sign",
      password: "secret1",
    });
    const badEmail = await runBinary(["create", "--json"], { env, stdin: body });
    expect(badEmail).toMatchObject({ status: 1, stdout: "", stderr: "invalid_email_format\n" });

    const notJson = await runBinary(["create"], { env, stdin: "first_name=Ada" });
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toMatch(/^invalid_json\n\(standard input was read as JSON/);
  });

  it("exits 2 when --stdin is combined with field flags, before touching any database", async () => {
    const run = await runBinary(["create", "--stdin", "--email", "a@b.c"], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--stdin reads the whole user from standard input");
  });

  it("exits 1 with one line saying what is wrong when the database is unreachable", async () => {
    const args = [
      "--first-name",
      "Ada",
      "--last-name",
      "L",
      "--email",
      "a@b.c",
      "--password",
      "secret1",
    ];
    const run = await runBinary(["create", ...args], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: .*ECONNREFUSED.*\n$/);
    expect(run.stderr).not.toContain("secret1");
  });

  it("exits 2 naming the variable when the configuration is bad", async () => {
    const run = await runBinary(["create", "--email", "a@b.c"], { env: { BCRYPT_ROUNDS: "99" } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("BCRYPT_ROUNDS");
  });
});
