import { z } from "zod";
import { epochMicros } from "../time/epoch-micros.js";
import { pythonIsoformat } from "../time/python-isoformat.js";
import type { StoredClient } from "./session-client.js";

/** A stored session: one sign-in, which the tokens naming it speak for while it exists. */
export interface SessionRecord extends StoredClient {
  id: string;
  userId: string;
  createdAt: Date;
  /** The `exp` of its token: the session ends with it. */
  expiresAt: Date;
  /** Written at most every {@link SESSION_USE_INTERVAL_MS}, never on every request. */
  lastUsedAt: Date;
}

/** How stale `lastUsedAt` may get before a use of the session writes it again: 5 minutes. */
export const SESSION_USE_INTERVAL_MS = 5 * 60_000;

/** A session as its user sees it (`user.sessions`). */
export const sessionSchema = z.object({
  id: z.string().describe("The session's id, for `user.endSession`."),
  created_at: z.string().describe("When it signed in (UTC, Python isoformat)."),
  last_used_at: z
    .string()
    .describe("When it was last used, to within 5 minutes (UTC, Python isoformat)."),
  expires_at: z.string().describe("When its token expires (UTC, Python isoformat)."),
  user_agent: z.string().nullable().describe("The client's User-Agent, as it sent it."),
  address: z
    .string()
    .nullable()
    .describe("The client's network, never its address: IPv4 as its /24, IPv6 as its /48."),
  current: z.boolean().describe("Whether it is the session of the token that asked."),
});

export type SessionDto = z.infer<typeof sessionSchema>;

const isoformat = (instant: Date) => pythonIsoformat(epochMicros(instant));

/** A stored session as its user sees it; `currentId` is the asking token's session. */
export function toSessionDto(session: SessionRecord, currentId: string): SessionDto {
  return {
    id: session.id,
    created_at: isoformat(session.createdAt),
    last_used_at: isoformat(session.lastUsedAt),
    expires_at: isoformat(session.expiresAt),
    user_agent: session.userAgent,
    address: session.clientAddress,
    current: session.id === currentId,
  };
}
