import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { providers, useCliDatabase } from "./support/cli-database.js";
import { runBinary } from "./support/run-binary.js";
import { rawControls } from "./support/terminal.js";

/** Characters a terminal acts on: OSC (retitles the window), CSI (clears it), C1 CSI, BEL, RLO. */
const HOSTILE = ["\u001b]0;pwned\u0007", "\u001b[2J", "\u009b31m", "\u202e"];
// The audit's reproduction: escape sequences from database values (the original's rows, which no
// sign-up rule ever checked) reached the terminal raw through `list` and `show`.
describe.each(providers)(
  "otas-users list and show with hostile stored values on %s",
  (provider) => {
    const database = useCliDatabase(provider);
    const tag = randomUUID().slice(0, 8);
    const email = `esc.${tag}\u001b[31m@example.com`;

    const insertHostileUser = async () => {
      const now = Date.now() * 1000;
      await database.deps.users.insert({
        id: randomUUID(),
        firstName: `Eve${HOSTILE[0]}`,
        middleName: HOSTILE[3] ?? null,
        lastName: `Mallory${HOSTILE[1]}${HOSTILE[2]}`,
        email,
        createdAt: now,
        updatedAt: now,
        passwordHash: "!unusable",
      });
    };

    it("prints every control character visibly in list, show and their errors", async () => {
      await insertHostileUser();
      const list = await runBinary(["list", "--email", tag], { env: database.env });
      expect(list.status).toBe(0);
      expect(rawControls(list.stdout)).toEqual([]);
      expect(list.stdout).toContain(`esc.${tag}\\x1b[31m@example.com`);
      expect(list.stdout).toContain("Eve\\x1b]0;pwned\\x07 \\u202e Mallory\\x1b[2J\\x9b31m");

      const show = await runBinary(["show", email], { env: database.env });
      expect(show.status).toBe(0);
      expect(rawControls(show.stdout + show.stderr)).toEqual([]);
      expect(show.stdout).toContain("first_name:    Eve\\x1b]0;pwned\\x07\n");
      expect(show.stdout).toContain("middle_name:   \\u202e\n");

      const missing = await runBinary(["show", `nobody\u001b[2J@example.com`], {
        env: database.env,
      });
      expect(missing).toMatchObject({
        status: 1,
        stderr: "user_not_found: no user has the email nobody\\x1b[2J@example.com\n",
      });
    });

    it("keeps the exact values in --json, escaped so the terminal shows them too", async () => {
      const list = await runBinary(["list", "--email", tag, "--json"], { env: database.env });
      expect(rawControls(list.stdout)).toEqual([]);
      const page = JSON.parse(list.stdout) as { users: Record<string, string>[] };
      expect(page.users).toHaveLength(1);
      expect(page.users[0]).toMatchObject({
        email,
        first_name: `Eve${HOSTILE[0]}`,
        middle_name: HOSTILE[3],
        last_name: `Mallory${HOSTILE[1]}${HOSTILE[2]}`,
      });
      const show = await runBinary(["show", email, "--json"], { env: database.env });
      expect(rawControls(show.stdout)).toEqual([]);
      expect(JSON.parse(show.stdout)).toMatchObject({ user: { email } });
    });
  },
);
