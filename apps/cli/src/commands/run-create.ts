import { createUser, createUserInput, DomainError, parseInput } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatUser } from "../output/format-user.js";
import { jsonLine } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";
import { type CreateFlags, readCreateRequest, requestSource } from "./create-request.js";

/**
 * Creates one user from the flags or stdin (see `create --help` for the rule) and prints it,
 * resolving with the exit status: a rejected request prints the contract's code on stderr.
 */
export async function runCreate(options: CreateFlags & { json?: true }): Promise<ExitCode> {
  const source = requestSource(options, process.stdin.isTTY === true);
  const request = await readCreateRequest(source, options);
  loadCliEnv();
  try {
    // Core validates the raw request exactly as the REST API does and throws its codes; an
    // invalid request never opens the database.
    const input = parseInput(createUserInput, request);
    const { user, jwt_token } = await withUserService((service) => createUser(input, service.deps));
    process.stdout.write(
      options.json === true
        ? jsonLine({ user, jwt_token })
        : `Created user:\n${formatUser(user)}\njwt_token: ${jwt_token}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error.code === "invalid_json" && source === "stdin") {
      process.stderr.write("(standard input was read as JSON: see otas-users create --help)\n");
    }
    return ExitCode.rejected;
  }
}
