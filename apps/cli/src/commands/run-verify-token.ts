import { DomainError, tokenRefusal, tokenSessionKey, type UserTokenClaims } from "@otas/core";
import { loadCliEnv } from "../env.js";
import { ExitCode } from "../exit-codes.js";
import { formatFields } from "../output/format-user.js";
import { jsonLine, visible } from "../output/terminal-text.js";
import { withUserService } from "../user-service.js";

/** What `verify-token --json` prints. */
type Verdict =
  | { valid: false; error: "invalid_token"; reason: string }
  | {
      valid: true;
      user_exists: boolean;
      claims: UserTokenClaims;
      issued_at: string;
      expires_at: string;
      error?: "user_not_found";
    };

/**
 * Checks the token as the service does (its session, its sign-out, its user's cut-off), then
 * whether its user exists; prints the verdict and resolves with the exit status. It does not
 * count as a use of the session.
 */
export async function runVerifyToken(token: string, json: boolean): Promise<ExitCode> {
  loadCliEnv();
  const verdict = await withUserService(async ({ deps }): Promise<Verdict> => {
    let claims: UserTokenClaims;
    try {
      claims = deps.verifier.verify(token);
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid_token") {
        return {
          valid: false,
          error: "invalid_token",
          reason: error.logReason ?? "unusable token",
        };
      }
      throw error;
    }
    const found = await deps.sessionUsers.find(claims.user_id, tokenSessionKey(token, claims.sid));
    const refusal = found === null ? null : tokenRefusal(claims, found, deps.now());
    if (refusal !== null) {
      const cutoff = found?.notBefore?.toISOString();
      const reason = refusal.startsWith("issued before") ? `${refusal} (${cutoff})` : refusal;
      return { valid: false, error: "invalid_token", reason };
    }
    const userExists = found !== null;
    return {
      valid: true,
      user_exists: userExists,
      claims,
      issued_at: new Date(claims.iat * 1000).toISOString(),
      expires_at: new Date(claims.exp * 1000).toISOString(),
      ...(userExists ? {} : { error: "user_not_found" as const }),
    };
  });
  if (json) process.stdout.write(jsonLine(verdict));
  else printVerdict(verdict);
  return verdict.valid && verdict.user_exists ? ExitCode.ok : ExitCode.rejected;
}

function printVerdict(verdict: Verdict): void {
  if (!verdict.valid) {
    process.stderr.write(`invalid_token: ${visible(verdict.reason)}\n`);
    return;
  }
  const { claims } = verdict;
  process.stdout.write(
    `Token is valid\n${formatFields([
      ["user_id", claims.user_id],
      ["email", claims.email],
      ["iat", `${claims.iat} (${verdict.issued_at})`],
      ["exp", `${claims.exp} (${verdict.expires_at})`],
      ["user", verdict.user_exists ? "exists" : "missing"],
    ])}\n`,
  );
  if (!verdict.user_exists) {
    process.stderr.write(`user_not_found: no user with id ${visible(claims.user_id)} (deleted?)\n`);
  }
}
