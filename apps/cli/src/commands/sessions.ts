import type { Command } from "@commander-js/extra-typings";

const SESSIONS_HELP = `
A session is one sign-in (create or login): its token works while it lasts. Listed: when it
started, when it was last used (to within 5 minutes), when it expires, and its client (the
User-Agent it sent, and its network only: IPv4 as the /24, IPv6 as the /48), the most recently
used first, at most 100. Tokens without a session (issued by the original service, or by this
one before sessions) are not listed; the line after the table says which of them are refused.
An unknown email prints user_not_found and exits 1.
`;

const SIGN_OUT_HELP = `
Ends every session of the user and refuses every token of the account issued until now, those
without a session too (the original service's), exactly as the user's own "sign out everywhere"
(POST /api/user/v1/logout-all/). The user signs in again with their password; nothing else
changes. The other OTAS services verify tokens themselves and do not see this: there, a token
works until it expires. An unknown email prints user_not_found and exits 1.
`;

/** `sessions` and `sign-out`: a user's sessions, and ending all of them. */
export function registerSessionCommands(program: Command) {
  program
    .command("sessions")
    .description("List a user's live sessions (sign-ins).")
    .argument("<email>", "the user's email (trimmed and lowercased, as login matches it)")
    .option("--json", "print one JSON object {user, total, sessions, not_before}")
    .addHelpText("after", SESSIONS_HELP)
    .action(async (email, options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { runSessions } = await import("./run-sessions.js");
      process.exitCode = await runSessions(email, options.json === true);
    });
  program
    .command("sign-out")
    .description("Sign a user out everywhere: end every session, refuse every older token.")
    .argument("<email>", "the user's email")
    .option("--json", "print one JSON object {user, ended_sessions, not_before}")
    .addHelpText("after", SIGN_OUT_HELP)
    .action(async (email, options) => {
      const { runSignOut } = await import("./run-sign-out.js");
      process.exitCode = await runSignOut(email, options.json === true);
    });
}
