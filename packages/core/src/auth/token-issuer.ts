import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";

/**
 * The claims of an OTAS user token. `user_id`, `email`, `iat` and `exp` are shared with the other
 * OTAS services; `sid` names the token's session in this service (tokens of the original service,
 * and those this service issued before sessions, have none). Other services ignore it.
 */
export interface UserTokenClaims {
  user_id: string;
  email: string;
  iat: number;
  exp: number;
  sid?: string | undefined;
}

/** A token and the claims it carries. */
export interface IssuedToken {
  token: string;
  claims: UserTokenClaims;
}

/** Issues user tokens. */
export interface TokenIssuer {
  /** A token for `user`, naming `sessionId` in its `sid` claim when given. */
  issue(user: { id: string; email: string }, sessionId?: string): IssuedToken;
}

const SECONDS_PER_DAY = 86_400;

/**
 * The shared secret as a key object. Given a string, jsonwebtoken first tries to parse it as a
 * PEM key on every call, which costs ~0.6 ms against ~0.02 ms with a key object.
 */
export function hmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, "utf8"));
}

/**
 * HS256 tokens with claims `user_id`, `email`, `iat`, `exp` and `exp - iat` = the validity in
 * days, as the other OTAS services (PyJWT) expect them, plus this service's `sid`.
 * @see docs/legacy-rest-contract.md (JWT)
 */
export function createJwtIssuer(options: {
  secret: string;
  validityDays: number;
  now: () => Date;
}): TokenIssuer {
  const key = hmacKey(options.secret);
  return {
    issue({ id, email }, sessionId) {
      const iat = Math.floor(options.now().getTime() / 1000);
      const claims: UserTokenClaims = {
        user_id: id,
        email,
        iat,
        exp: iat + options.validityDays * SECONDS_PER_DAY,
        ...(sessionId === undefined ? {} : { sid: sessionId }),
      };
      return { token: jwt.sign(claims, key, { algorithm: "HS256" }), claims };
    },
  };
}
