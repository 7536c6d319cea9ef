import type { Command } from "@commander-js/extra-typings";

const CREATE_HELP = `
Input (one rule): the user is read as one JSON object from standard input when --stdin is
given, or when no field flag is given and standard input is not a terminal; otherwise from the
flags. The JSON keys are the REST contract's: first_name, middle_name, last_name, email, password.
Passwords given as flags are visible to other local users (ps) and in shell history: prefer stdin.

Errors print the contract's code on stderr and exit 1, e.g.
  missing_fields: email, password | invalid_email_format | password_too_short | user_already_exists

Examples:
  otas-users create --first-name Ada --last-name Lovelace --email ada@example.com --password 'secret1'
  echo '{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","password":"secret1"}' \\
    | otas-users create --json
`;

/** `otas-users create`: registers one user through core, exactly as the REST API would. */
export function registerCreateCommand(program: Command) {
  program
    .command("create")
    .description("Register one user and print it with its token.")
    .option("--first-name <name>", "first name (required)")
    .option("--middle-name <name>", "middle name (optional)")
    .option("--last-name <name>", "last name (required)")
    .option("--email <email>", "email address (required; trimmed and lowercased)")
    .option("--password <password>", "at least 6 characters (required; see below)")
    .option("--stdin", "read the user as one JSON object from standard input")
    .option("--json", "print one JSON object {user, jwt_token} instead of text")
    .addHelpText("after", CREATE_HELP)
    .action(async (options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { runCreate } = await import("./run-create.js");
      process.exitCode = await runCreate(options);
    });
}
