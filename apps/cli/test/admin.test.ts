import { randomUUID } from "node:crypto";
import { loginUser } from "@otas/core";
import { describe, expect, it } from "vitest";
import { providers, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";

describe.each(providers)("otas-users list, show, set-password and delete on %s", (provider) => {
  const database = useCliDatabase(provider);
  const tag = randomUUID().slice(0, 8);
  const email = (name: string) => `${name}.${tag}@example.com`;
  const create = (name: string, first: string) =>
    runBinary(["create", "--stdin"], {
      env: database.env,
      stdin: JSON.stringify({
        first_name: first,
        last_name: "Test",
        email: email(name),
        password: "secret1",
      }),
    });

  it("lists users by email, a page at a time, as text and JSON", async () => {
    for (const [name, first] of [
      ["cy", "Cy"],
      ["ann", "Änne"],
      ["bob", "Bob"],
    ] as const) {
      expect((await create(name, first)).status).toBe(0);
    }
    const json = await runBinary(["list", "--email", tag, "--per-page", "2", "--json"], {
      env: database.env,
    });
    expect(json.status).toBe(0);
    const page = JSON.parse(json.stdout) as { total: number; users: Record<string, string>[] };
    expect(page).toMatchObject({ total: 3, page: 1, per_page: 2 });
    expect(page.users.map((user) => user.email)).toEqual([email("ann"), email("bob")]);
    expect(page.users[0]).toMatchObject({
      first_name: "Änne",
      password_scheme: "bcrypt",
      password_detail: "bcrypt_sha256, cost 4",
    });
    expect(JSON.stringify(page)).not.toContain("$bcrypt-sha256$");

    const text = await runBinary(
      ["list", "--email", tag.toUpperCase(), "--per-page", "2", "--page", "2"],
      {
        env: database.env,
      },
    );
    expect(text.stdout).toMatch(/^EMAIL +NAME +PASSWORD +CREATED_AT\n/);
    expect(text.stdout).toContain(`${email("cy")}  Cy Test`);
    expect(text.stdout).toMatch(/Page 2 of 2: users 3-3 of 3\.\n$/);
  });

  it("shows one user, or says user_not_found", async () => {
    const shown = await runBinary(["show", ` ${email("bob").toUpperCase()} `], {
      env: database.env,
    });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(`email:         ${email("bob")}`);
    expect(shown.stdout).toContain("password:      bcrypt_sha256, cost 4");
    expect(shown.stdout).toContain("referenced_by: nothing");
    const missing = await runBinary(["show", "nobody@example.com"], { env: database.env });
    expect(missing).toMatchObject({
      status: 1,
      stdout: "",
      stderr: "user_not_found: no user has the email nobody@example.com\n",
    });
  });

  it("sets a password read from stdin, with the endpoint's rules", async () => {
    const set = (stdin: string) =>
      runBinary(["set-password", email("cy")], { env: database.env, stdin });
    expect(await set("12345\n")).toMatchObject({ status: 1, stderr: "password_too_short\n" });
    expect(await set("\n")).toMatchObject({ status: 1, stderr: "missing_password\n" });
    expect((await set("one\ntwo\n")).status).toBe(2);
    const done = await set("a new secret\r\n");
    expect(done.status).toBe(0);
    expect(done.stdout).toContain(`Password set for ${email("cy")}`);
    expect(done.stdout + done.stderr).not.toContain("a new secret");
    await expect(
      loginUser({ email: email("cy"), password: "a new secret" }, database.deps),
    ).resolves.toBeDefined();
    // The sign-up's session ended with the old password.
    const listed = await runBinary(["sessions", email("cy"), "--json"], { env: database.env });
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1 });
  });

  it("deletes a user only when confirmed", async () => {
    const unconfirmed = await runBinary(["delete", email("bob")], { env: database.env });
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toContain("pass --yes");
    const deleted = await runBinary(["delete", email("bob"), "--yes"], { env: database.env });
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted bob\.\w+@example\.com \([0-9a-f-]{36}\)\.\n$/);
    const again = await runBinary(["delete", email("bob"), "--yes", "--json"], {
      env: database.env,
    });
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ outcome: "not_found" });
  });

  it("reports the database's status without changing it", async () => {
    const status = await runBinary(["db", "status", "--json"], { env: database.env });
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      provider,
      users_table: { state: "created", differences: [] },
      migrations: { pending: [], failed: [] },
      passwords: { by_family: { django_pbkdf2: 0, unusable: 0, unknown: 0 } },
    });
  });
});
