import { readFileSync } from "node:fs";
import { Command } from "@commander-js/extra-typings";
import { registerAdminCommands } from "./commands/admin.js";
import { registerCreateCommand } from "./commands/create.js";
import { registerDbCommand } from "./commands/db.js";
import { registerImportCommand } from "./commands/import.js";
import { registerResetLinkCommand } from "./commands/reset-link.js";
import { registerSessionCommands } from "./commands/sessions.js";
import { registerVerifyTokenCommand } from "./commands/verify-token.js";

const ENVIRONMENT_HELP = `
Environment:
  DATABASE_URL        file:./data/otas.db (SQLite, the default) or postgresql://user:pass@host:5432/db
  DATABASE_POOLER     none (default) or transaction: DATABASE_URL is a transaction-mode pooler
                      (PgBouncer): statements go unnamed
  DIRECT_DATABASE_URL PostgreSQL without the pooler: migrations run there (required to
                      migrate with DATABASE_POOLER=transaction)
  JWT_SECRET          the secret tokens are signed with (shared with the other OTAS services),
                      at least 32 bytes; unset outside production: a development secret kept
                      in DATA_DIR/jwt-secret
  JWT_VALIDITY_DAYS   token lifetime in days (default 30)
  BCRYPT_ROUNDS       bcrypt cost, 4-31 (default 12)
  APP_URL             the web app reset links point at (default http://localhost:5173)
  RESET_TOKEN_TTL_MINUTES  how long a reset link works (default 60)
  DATA_DIR            where the development secret is kept (default ./data)
  NODE_ENV            development (default), production (requires JWT_SECRET) or test
  MIGRATE_ON_START    true (default): commands apply pending migrations first;
                      false: they refuse a database that needs them (run db migrate)

Pending database migrations are applied before a command runs (adopting an original OTAS
database), except by db status, which only reads, and with MIGRATE_ON_START=false.

Exit status:
  0  done (import: every row was created or already existed)
  1  rejected: a validation code, an invalid token or unknown user, an invalid or failed row,
     a user still referenced (delete), a database the server would refuse (db status,
     db migrate), a database not migrated (MIGRATE_ON_START=false)
  2  usage: a bad command line, a bad setting, or an import file that cannot be used at all
`;

/** The package version, read at run time so it cannot drift from package.json. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String((manifest as { version?: unknown }).version);
}

/** The otas-users command tree. Commander errors throw (see `runCli`) instead of exiting. */
export function buildProgram() {
  const program = new Command("otas-users")
    .description(
      "Create, import, administer and check OTAS users, list and end their sessions, and print password-reset links, directly on the configured database (no server needed).",
    )
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", ENVIRONMENT_HELP);
  registerCreateCommand(program);
  registerImportCommand(program);
  registerVerifyTokenCommand(program);
  registerResetLinkCommand(program);
  registerAdminCommands(program);
  registerSessionCommands(program);
  registerDbCommand(program);
  return program;
}
