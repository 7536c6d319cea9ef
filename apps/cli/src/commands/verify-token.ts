import type { Command } from "@commander-js/extra-typings";
import { readStdin } from "../read-stdin.js";

const VERIFY_HELP = `
Checks the token exactly as the service does (HS256 signature with JWT_SECRET, expiry, claims,
its session not ended — signed out, ended from another session, by a password change or reset —
and, for a token without a session, not signed out nor issued before its user's sessions were
ended), then whether its user still exists. Exit 0 when both hold; 1 with invalid_token and the
reason (the service never says why a token is unusable) or user_not_found. Pass - to read the token from stdin,
which keeps it out of the process list and shell history.
`;

/** `otas-users verify-token TOKEN`: what a token says and whether its user exists. */
export function registerVerifyTokenCommand(program: Command) {
  program
    .command("verify-token")
    .description("Check a user token and show its claims and whether the user exists.")
    .argument("<token>", "the JWT (X-OTAS-USER-TOKEN), or - to read it from stdin")
    .option("--json", "print one JSON object instead of text")
    .addHelpText("after", VERIFY_HELP)
    .action(async (token, options) => {
      const text = token === "-" ? ((await readStdin()) ?? "").trim() : token;
      // Loaded on use, so --help does not load core and its database drivers.
      const { runVerifyToken } = await import("./run-verify-token.js");
      process.exitCode = await runVerifyToken(text, options.json === true);
    });
}
