import type { SessionClient } from "./session-client.js";

/** The session of the token a request came with, as the token check found it. */
export interface CallerSession {
  /** The `sid` claim, or for a token without one the id derived from its digest. */
  id: string;
  /** For a token without a `sid` claim: its SHA-256 (hex), which its sign-out is recorded by. */
  tokenDigest: string | null;
  /** The token's `iat` and `exp`. */
  issuedAt: Date;
  expiresAt: Date;
  /** When the stored session was last marked used; null when the token has no stored session. */
  lastUsedAt: Date | null;
}

/** Who is calling: the token's user, its session, and the client (for a session it starts). */
export interface Caller {
  user: { id: string };
  session: CallerSession;
  client?: SessionClient | undefined;
}
