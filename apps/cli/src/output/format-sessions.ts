import type { UserSessions } from "@otas/core";
import { formatTable } from "./format-admin.js";
import { visible } from "./terminal-text.js";

/** A user's sessions as an aligned table (each cell {@link visible}), with what it cannot show. */
export function formatSessions({ user, sessions, total, notBefore }: UserSessions): string {
  const rows = sessions.map((session) =>
    [
      session.id,
      session.created_at,
      session.last_used_at,
      session.expires_at,
      session.address ?? "-",
      session.user_agent ?? "-",
    ].map(visible),
  );
  const table = formatTable(
    ["ID", "CREATED_AT", "LAST_USED_AT", "EXPIRES_AT", "ADDRESS", "USER_AGENT"],
    rows,
  );
  const shown = sessions.length < total ? ` (the ${sessions.length} most recently used shown)` : "";
  const cutoff =
    notBefore === null
      ? "Tokens without a session (the original service's) work until they expire."
      : `Tokens without a session (the original service's) issued before ${notBefore.toISOString()} are refused.`;
  const heading = `${visible(user.email)} (${user.id}): ${total} live ${total === 1 ? "session" : "sessions"}${shown}.`;
  return [heading, ...(sessions.length > 0 ? [table] : []), cutoff].join("\n");
}
