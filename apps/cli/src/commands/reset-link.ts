import type { Command } from "@commander-js/extra-typings";

const RESET_LINK_HELP = `
For an operator helping a user who cannot get the reset mail: issues a fresh password-reset token
for the account, exactly as "Forgot password?" does (any earlier link stops working), and prints
the link to the web app's reset page (APP_URL), without sending any mail. Hand it to the user
over a channel you trust: whoever opens it can set the password, once, until it expires
(RESET_TOKEN_TTL_MINUTES). The link works where the service answers its reset endpoint (in
production only with SMTP_URL set).

Output: the link alone on stdout, the account and expiry on stderr; --json prints one object
{email, user_id, link, expires_at}. An unknown email prints user_not_found and exits 1.
`;

/** `otas-users reset-link EMAIL`: a fresh reset link for an account, printed, not mailed. */
export function registerResetLinkCommand(program: Command) {
  program
    .command("reset-link")
    .description("Print a fresh password-reset link for an account (no mail is sent).")
    .argument("<email>", "the account's email (trimmed and lowercased)")
    .option("--json", "print one JSON object instead of text")
    .addHelpText("after", RESET_LINK_HELP)
    .action(async (email, options) => {
      // Loaded on use, so --help does not load core and its database drivers.
      const { runResetLink } = await import("./run-reset-link.js");
      process.exitCode = await runResetLink(email, options.json === true);
    });
}
