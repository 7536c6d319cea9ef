import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";

const ADMIN_HELP = `
These work on the configured database directly (pending migrations are applied first, which
adopts an original OTAS database), so Django's admin is never needed: its user form would hash
this service's bcrypt hashes once more and lock the user out.
`;

const SET_PASSWORD_HELP = `
The password is typed twice at a prompt that does not echo it when standard input is a
terminal; otherwise it is the first line of standard input, e.g.
  printf '%s\\n' "$NEW_PASSWORD" | otas-users set-password ada@example.com
The same rules as the password update endpoint apply (at least 6 characters). updated_at
advances, and every session of the user ends (tokens issued before are refused).
`;

const DELETE_HELP = `
A user that rows of other tables still reference (the original's projects, project
memberships, agents) is not deleted: the command names those rows and exits 1. On a terminal
it asks you to type the email again; elsewhere pass --yes.
`;

/** `list`, `show`, `set-password` and `delete`: user administration. */
export function registerAdminCommands(program: Command) {
  program
    .command("list")
    .description("List users by email, a page at a time.")
    .option("--email <text>", "only emails containing TEXT (case-insensitive)")
    .option("--page <n>", "the page, from 1", positive, 1)
    .option("--per-page <n>", "users per page", positive, 50)
    .option("--json", "print one JSON object {total, page, per_page, users}")
    .addHelpText("after", ADMIN_HELP)
    .action(async (options) => {
      const { runList } = await import("./run-list.js");
      process.exitCode = await runList(options);
    });
  program
    .command("show")
    .description("Show one user, how its password is kept, and what references it.")
    .argument("<email>", "the user's email (trimmed and lowercased, as login matches it)")
    .option("--json", "print one JSON object {user, references}")
    .action(async (email, options) => {
      const { runShow } = await import("./run-show.js");
      process.exitCode = await runShow(email, options.json === true);
    });
  program
    .command("set-password")
    .description("Set a user's password (prompted without echo, or read from stdin).")
    .argument("<email>", "the user's email")
    .addHelpText("after", SET_PASSWORD_HELP)
    .action(async (email) => {
      const { runSetPassword } = await import("./run-set-password.js");
      process.exitCode = await runSetPassword(email);
    });
  program
    .command("delete")
    .description("Delete a user that nothing references any more.")
    .argument("<email>", "the user's email")
    .option("--yes", "do not ask for confirmation")
    .option("--json", "print one JSON object with the outcome")
    .addHelpText("after", DELETE_HELP)
    .action(async (email, options) => {
      const { runDelete } = await import("./run-delete.js");
      process.exitCode = await runDelete(email, options);
    });
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100_000) {
    throw new InvalidArgumentError("expected a whole number from 1 to 100000");
  }
  return number;
}
