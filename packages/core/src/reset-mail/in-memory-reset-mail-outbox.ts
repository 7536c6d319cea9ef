import type { PasswordResetRepository } from "../password-reset/password-reset-repository.js";
import type {
  ClaimedOutboxEntry,
  NewOutboxEntry,
  ResetMailOutbox,
  StoredMail,
} from "./reset-mail-outbox.js";

export interface InMemoryOutboxEntry extends NewOutboxEntry {
  dueAt: Date;
  attempts: number;
  claim: string | null;
  mail: StoredMail | null;
  lastError: string | null;
}

/**
 * A {@link ResetMailOutbox} in a Map, for unit tests; its mails' tokens go to `resetTokens`.
 * `all()` shows the entries as they are stored.
 */
export function createInMemoryResetMailOutbox(
  resetTokens: PasswordResetRepository,
): ResetMailOutbox & {
  all(): InMemoryOutboxEntry[];
} {
  const entries = new Map<string, InMemoryOutboxEntry>();
  const held = (entry: Pick<ClaimedOutboxEntry, "id" | "claim">) => {
    const stored = entries.get(entry.id);
    return stored !== undefined && stored.claim === entry.claim ? stored : undefined;
  };
  return {
    async add(entry) {
      entries.set(entry.id, {
        ...entry,
        dueAt: entry.createdAt,
        attempts: 0,
        claim: null,
        mail: null,
        lastError: null,
      });
    },
    async claimNext(now, until, claim) {
      const [next] = [...entries.values()]
        .filter((entry) => entry.dueAt <= now)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      if (next === undefined) return null;
      Object.assign(next, { dueAt: until, claim, attempts: next.attempts + 1 });
      const { id, requestId, email, createdAt, attempts, mail } = next;
      return { id, claim, requestId, email, createdAt, attempts, mail: mail && { ...mail } };
    },
    async storeMail(entry, mail, token) {
      const stored = held(entry);
      if (stored === undefined) return false;
      stored.mail = { ...mail };
      await resetTokens.save(token);
      return true;
    },
    async retryAt(entry, dueAt, lastError) {
      const stored = held(entry);
      if (stored === undefined) return false;
      Object.assign(stored, { dueAt, claim: null, lastError });
      return true;
    },
    async remove(entry) {
      return held(entry) !== undefined && entries.delete(entry.id);
    },
    async depth() {
      const all = [...entries.values()];
      const oldest = all.map((entry) => entry.createdAt.getTime()).sort((a, b) => a - b)[0];
      return {
        requests: all.filter((entry) => entry.mail === null).length,
        mails: all.filter((entry) => entry.mail !== null).length,
        oldestCreatedAt: oldest === undefined ? null : new Date(oldest),
      };
    },
    all: () => [...entries.values()].map((entry) => ({ ...entry })),
  };
}
