import { createHash } from "node:crypto";

/** A session id as this service writes them: a UUID's layout, lowercase hex (any case is read). */
export const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a token names its session. */
export interface TokenSessionKey {
  /** The `sid` claim; for a token without one, an id derived from the token's digest. */
  sessionId: string;
  /**
   * For a token without a `sid` claim: the SHA-256 of the token (hex), under which signing it
   * out is recorded. Null for a token with a session claim, which ends with its session.
   */
  tokenDigest: string | null;
}

/**
 * The session a token speaks for. A token this service issued names it (`sid`). A token without
 * one (the original service's, or this service's from before sessions) is known by its SHA-256:
 * the digest keys its sign-out, and the digest's first 128 bits, written as a UUID, are the id of
 * the session it gets if it must outlive its user's cut-off (see `updatePassword`). The token
 * itself is never stored, and its digest does not give it back.
 */
export function tokenSessionKey(token: string, sid: string | undefined): TokenSessionKey {
  if (sid !== undefined) return { sessionId: sid, tokenDigest: null };
  const digest = createHash("sha256").update(token, "utf8").digest("hex");
  const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
  return { sessionId: id, tokenDigest: digest };
}
