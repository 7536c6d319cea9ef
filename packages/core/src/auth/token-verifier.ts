import jwt from "jsonwebtoken";
import { z } from "zod";
import { DomainError } from "../errors/domain-error.js";
import { hmacKey, type UserTokenClaims } from "./token-issuer.js";

/** Checks user tokens. */
export interface TokenVerifier {
  /** The token's claims; throws `DomainError("invalid_token")` for any unusable token. */
  verify(token: string): UserTokenClaims;
}

const claimsSchema = z.object({
  user_id: z.uuid(),
  email: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  // Checked below, by a plain test: this runs on every request.
  sid: z.string().optional(),
});

/** A session id as this service writes it (ids are compared as text on SQLite: one spelling). */
const ISSUED_SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SECONDS_PER_DAY = 86_400;

/**
 * Tokens a verifier remembers having verified, at most (about 2 MB). A client sends the same
 * token with every call, so a token check mostly meets a token it has verified before.
 */
export const REMEMBERED_TOKENS = 4096;

/** A token verified once: its claims, and its `nbf` (not among the claims kept) if it had one. */
interface Verified {
  claims: UserTokenClaims;
  notBefore: number | undefined;
}

/**
 * HS256 only (so `alg: none` and other algorithms fail), with signature, `exp`, `nbf`, an `iat`
 * not in the future, a lifetime (`exp - iat`) no longer than the configured validity and the
 * documented claims. A `crit` header is refused: it names extensions the token requires to be
 * understood, and this verifier understands none (RFC 7515 §4.1.11). A `sid` claim, when present,
 * must be a session id as this service writes them, a lowercase UUID (whether that session still
 * exists is the token check's question, see `authenticateUser`). Tokens from the other OTAS
 * services (PyJWT) with the shared secret pass; everything else is `invalid_token`, whatever the
 * token holds.
 *
 * A token that passed is remembered (the last {@link REMEMBERED_TOKENS}, by its exact text):
 * what cannot change for it — signature, algorithm, header, claims, lifetime — is not checked
 * again, what can — `nbf`, `exp`, `iat` against the clock — is checked at every call, with the
 * same outcome and reason as the first time. Nothing about sessions is remembered (whether the
 * token's session still holds is the database's answer at every check), and a refused token is
 * never remembered.
 * @see docs/legacy-rest-contract.md (JWT)
 */
export function createJwtVerifier(options: {
  secret: string;
  now: () => Date;
  /** The longest lifetime a token may claim, in days (`JWT_VALIDITY_DAYS`). */
  validityDays: number;
  /** Seconds of clock difference between OTAS services that is tolerated. */
  clockToleranceSeconds?: number;
}): TokenVerifier {
  const tolerance = options.clockToleranceSeconds ?? 30;
  const maxLifetime = options.validityDays * SECONDS_PER_DAY;
  const key = hmacKey(options.secret);
  const remembered = new Map<string, Verified>();
  /** The clock's checks, in jsonwebtoken's order and words, then the service's own. */
  const checkClock = (token: string, known: Verified, clockTimestamp: number) => {
    if (known.notBefore !== undefined && known.notBefore > clockTimestamp + tolerance) {
      throw new DomainError("invalid_token", undefined, "jwt not active");
    }
    if (clockTimestamp >= known.claims.exp + tolerance) {
      remembered.delete(token);
      throw new DomainError("invalid_token", undefined, "jwt expired", { reason: "expired" });
    }
    if (known.claims.iat > clockTimestamp + tolerance) {
      throw new DomainError("invalid_token", undefined, "iat in the future");
    }
  };
  return {
    verify(token) {
      const clockTimestamp = Math.floor(options.now().getTime() / 1000);
      const known = remembered.get(token);
      if (known !== undefined) {
        checkClock(token, known, clockTimestamp);
        return known.claims;
      }
      let payload: unknown;
      try {
        const decoded = jwt.verify(token, key, {
          algorithms: ["HS256"],
          clockTimestamp,
          clockTolerance: tolerance,
          complete: true,
        });
        if ("crit" in decoded.header) throw new Error("crit header");
        payload = decoded.payload;
      } catch (error) {
        // jsonwebtoken's messages name the failed check ("jwt expired", "invalid signature"...)
        // and never quote the token. An expired token is told apart for typed clients only.
        const about = error instanceof jwt.TokenExpiredError ? { reason: "expired" as const } : {};
        throw new DomainError("invalid_token", undefined, (error as Error).message, about);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        const fields = claims.error.issues.map((issue) => issue.path.join(".") || "payload");
        throw new DomainError("invalid_token", undefined, `bad claims: ${fields.join(", ")}`);
      }
      if (claims.data.iat > clockTimestamp + tolerance) {
        throw new DomainError("invalid_token", undefined, "iat in the future");
      }
      if (claims.data.exp - claims.data.iat > maxLifetime) {
        throw new DomainError("invalid_token", undefined, "lifetime longer than JWT_VALIDITY_DAYS");
      }
      if (claims.data.sid !== undefined && !ISSUED_SESSION_ID.test(claims.data.sid)) {
        throw new DomainError("invalid_token", undefined, "bad claims: sid");
      }
      const { nbf } = payload as { nbf?: unknown };
      const verified: Verified = {
        claims: Object.freeze(claims.data),
        notBefore: typeof nbf === "number" ? nbf : undefined,
      };
      if (remembered.size >= REMEMBERED_TOKENS) {
        // The oldest first (a Map keeps the order of insertion).
        for (const oldest of remembered.keys()) {
          remembered.delete(oldest);
          break;
        }
      }
      remembered.set(token, verified);
      return verified.claims;
    },
  };
}
